package io.orgvault.simulator.soql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The errors Salesforce gives for queries it refuses, with their codes and positions. */
class QueryErrorTest {
  private final QueryEngine engine = new QueryEngine(SoqlFixtures.org(100));

  private SoqlException refuse(String soql) {
    SoqlException e = catchThrowableOfType(SoqlException.class, () -> engine.execute(soql, false));
    assertThat(e).as(soql).isNotNull();
    return e;
  }

  @Test
  void unknownObjectIsInvalidType() {
    SoqlException e = refuse("SELECT Id FROM Foo");

    assertThat(e.errorCode()).isEqualTo("INVALID_TYPE");
    assertThat(e.getMessage())
        .isEqualTo(
            "\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\n"
                + "sObject type 'Foo' is not supported. If you are attempting to use a custom"
                + " object, be sure to append the '__c' after the entity name. Please reference"
                + " your WSDL or the describe call for the appropriate names.");
  }

  @Test
  void unknownFieldIsInvalidFieldPointingAtTheField() {
    SoqlException e = refuse("SELECT Id, Foo FROM Contact");

    assertThat(e.errorCode()).isEqualTo("INVALID_FIELD");
    assertThat(e.getMessage())
        .startsWith("\nSELECT Id, Foo FROM Contact\n           ^\nERROR at Row:1:Column:12\n")
        .contains(
            "No such column 'Foo' on entity 'Contact'. If you are attempting to use a custom"
                + " field, be sure to append the '__c' after the custom field name.");
  }

  @Test
  void positionsCountRowsAndColumnsOfMultiLineQueries() {
    SoqlException e = refuse("SELECT Id\nFROM Contact\nWHERE Bogus__c = 1");

    assertThat(e.errorCode()).isEqualTo("INVALID_FIELD");
    assertThat(e.getMessage())
        .startsWith("\nWHERE Bogus__c = 1\n      ^\nERROR at Row:3:Column:7\n")
        .contains("No such column 'Bogus__c' on entity 'Contact'");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "SELECT Id FROM Contact WHERE | '<EOF>'",
        "SELECT Id Contact | 'Contact'",
        "SELECT * FROM Contact | '*'",
        "SELECT Id FROM Contact WHERE LastName = 'O'Brien' | 'Brien'",
        "SELECT Id FROM Contact WHERE LastName = 'a' AND Email = 'b' OR Title = 'c' | 'OR'",
        "SELECT Id FROM Contact WHERE LastName = FOO | 'FOO'",
        "SELECT Id FROM Contact LIMIT 5 WHERE LastName = 'a' | 'WHERE'",
        "SELECT Id FROM Contact GROUP BY LastName | 'GROUP'",
        "SELECT Id FROM Contact WHERE LastName = \"a\" | '\"'",
        "SELECT Id FROM Contact WHERE LastName IN () | ')'",
        "SELECT Id FROM Contact LIMIT 5abc | 'abc'",
      })
  void syntaxErrorsAreMalformedQueryNamingTheToken(String soql, String token) {
    SoqlException e = refuse(soql);

    assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
    assertThat(e.getMessage())
        .contains("ERROR at Row:1:Column:")
        .endsWith("unexpected token: " + token);
  }

  @Test
  void dateTimeWithoutZoneAndUnterminatedStringsAreMalformed() {
    assertThat(
            refuse("SELECT Id FROM Contact WHERE CreatedDate > 2024-01-31T12:34:56").getMessage())
        .endsWith("line 1:63 no viable alternative at character '<EOF>'");
    assertThat(refuse("SELECT Id FROM Contact WHERE LastName = 'abc").errorCode())
        .isEqualTo("MALFORMED_QUERY");
    assertThat(refuse("SELECT Id FROM Contact WHERE LastName = :name").getMessage())
        .endsWith("Bind variables only allowed in Apex code");
    assertThat(refuse("SELECT Id FROM Contact WHERE LastName = 'a\\qb'").getMessage())
        .contains("Illegal character sequence '\\q' in string literal");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "CreatedDate > '2024-01-01T00:00:00Z' | 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
        "CreatedDate > 2024-01-01 | 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
        "Birthdate = 2024-01-01T00:00:00Z | 'Birthdate' must be of type date and should not be enclosed in quotes",
        "Birthdate = '2024-01-01' | 'Birthdate' must be of type date and should not be enclosed in quotes",
        "LastName = 5 | 'LastName' must be of type string and should be enclosed in quotes",
        "LastName = TODAY | 'LastName' must be of type string and should be enclosed in quotes",
        "HasOptedOutOfEmail = 'true' | 'HasOptedOutOfEmail' must be of type boolean and should not be enclosed in quotes",
        "Account.NumberOfEmployees = '5' | 'Account.NumberOfEmployees' must be of type integer and should not be enclosed in quotes",
        "AccountId = 5 | 'AccountId' must be of type id and should be enclosed in quotes",
      })
  void literalsOfTheWrongTypeAreInvalidField(String where, String message) {
    SoqlException e = refuse("SELECT Id FROM Contact WHERE " + where);

    assertThat(e.errorCode()).isEqualTo("INVALID_FIELD");
    assertThat(e.getMessage()).endsWith("value of filter criterion for field " + message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "Id LIKE '003%' | invalid operator on id field",
        "AccountId LIKE '001%' | invalid operator on id field",
        "HasOptedOutOfEmail > true | invalid operator on boolean field",
        "Birthdate LIKE '2020%' | invalid operator on date field",
        "Id = 'abc' | invalid ID field: abc",
        "AccountId IN ('001', 'x') | invalid ID field: 001",
      })
  void operatorsThatDoNotFitTheFieldAreInvalidQueryFilterOperator(String where, String message) {
    SoqlException e = refuse("SELECT Id FROM Contact WHERE " + where);

    assertThat(e.errorCode()).isEqualTo("INVALID_QUERY_FILTER_OPERATOR");
    assertThat(e.getMessage()).endsWith(message);
  }

  @Test
  void unknownRelationshipsAndUnfilterableFields() {
    SoqlException rel = refuse("SELECT Acount.Name FROM Contact");
    assertThat(rel.errorCode()).isEqualTo("INVALID_FIELD");
    assertThat(rel.getMessage()).contains("Didn't understand relationship 'Acount' in field path");

    assertThat(refuse("SELECT AccountId.Name FROM Contact").getMessage())
        .contains("Didn't understand relationship 'AccountId'");
    assertThat(refuse("SELECT Account.Bogus FROM Contact").getMessage())
        .contains("No such column 'Bogus' on entity 'Account'");
    assertThat(refuse("SELECT Id FROM Contact WHERE Description = 'x'").getMessage())
        .endsWith("field 'Description' can not be filtered in query call");
    assertThat(refuse("SELECT Id FROM Contact ORDER BY Description").getMessage())
        .endsWith("field 'Description' can not be sorted in a query call");
  }

  @Test
  void duplicateFieldsAreRefused() {
    SoqlException e = refuse("SELECT Id, Account.Name, account.NAME FROM Contact");
    assertThat(e.errorCode()).isEqualTo("INVALID_FIELD");
    assertThat(e.getMessage()).endsWith("duplicate field selected: Account.Name");
    assertThat(refuse("SELECT Id, FIELDS(ALL) FROM Contact LIMIT 200").getMessage())
        .endsWith("duplicate field selected: Id");
  }

  @Test
  void fieldsAllNeedsALimitOfAtMost200AndOffsetIsCapped() {
    assertThat(refuse("SELECT FIELDS(ALL) FROM Contact").getMessage())
        .endsWith("The SOQL FIELDS function must have a LIMIT of at most 200");
    assertThat(refuse("SELECT FIELDS(CUSTOM) FROM Contact LIMIT 201").errorCode())
        .isEqualTo("MALFORMED_QUERY");

    SoqlException offset = refuse("SELECT Id FROM Contact LIMIT 10 OFFSET 2001");
    assertThat(offset.errorCode()).isEqualTo("NUMBER_OUTSIDE_VALID_RANGE");
    assertThat(refuse("SELECT Id FROM Contact LIMIT 99999999999").getMessage())
        .endsWith("numeric value out of range: 99999999999");
  }

  @Test
  void countMustStandAlone() {
    assertThat(refuse("SELECT COUNT(), Id FROM Contact").errorCode()).isEqualTo("MALFORMED_QUERY");
  }
}
