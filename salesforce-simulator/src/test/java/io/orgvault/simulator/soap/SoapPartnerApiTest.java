package io.orgvault.simulator.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sforce.soap.partner.ChildRelationship;
import com.sforce.soap.partner.DeleteResult;
import com.sforce.soap.partner.DescribeGlobalResult;
import com.sforce.soap.partner.DescribeGlobalSObjectResult;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.FieldType;
import com.sforce.soap.partner.GetUserInfoResult;
import com.sforce.soap.partner.LimitInfo;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.SoapType;
import com.sforce.soap.partner.UndeleteResult;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.fault.InvalidFieldFault;
import com.sforce.soap.partner.fault.InvalidSObjectFault;
import com.sforce.soap.partner.fault.UnexpectedErrorFault;
import com.sforce.soap.partner.sobject.SObject;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.fault.FaultPlan;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract tests of describe, DML, retrieve, session calls and faults with force-wsc itself. */
class SoapPartnerApiTest {
  private Simulator sim;
  private PartnerConnection conn;

  @BeforeEach
  void start() throws Exception {
    sim = Simulator.builder().contacts(500).start();
    conn = PartnerClients.connect(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void describeGlobalListsEveryObjectOfTheCatalog() throws Exception {
    DescribeGlobalResult g = conn.describeGlobal();

    assertThat(g.getEncoding()).isEqualTo("UTF-8");
    assertThat(g.getMaxBatchSize()).isEqualTo(200);
    Map<String, DescribeGlobalSObjectResult> byName =
        Arrays.stream(g.getSobjects())
            .collect(Collectors.toMap(DescribeGlobalSObjectResult::getName, Function.identity()));
    assertThat(byName)
        .containsOnlyKeys(sim.org().catalog().objects().stream().map(s -> s.name()).toList());
    assertThat(byName.get("Account").getKeyPrefix()).isEqualTo("001");
    assertThat(byName.get("Account").isReplicateable()).isTrue();
    assertThat(byName.get("Project__c").isCustom()).isTrue();
    assertThat(byName.get("User").isDeletable()).isFalse();
  }

  @Test
  void describeSObjectsGivesFieldsTypesAndRelationships() throws Exception {
    DescribeSObjectResult[] results = conn.describeSObjects(new String[] {"Contact", "Account"});

    assertThat(results)
        .extracting(DescribeSObjectResult::getName)
        .containsExactly("Contact", "Account");
    Map<String, Field> contact =
        Arrays.stream(results[0].getFields())
            .collect(Collectors.toMap(Field::getName, Function.identity()));
    assertThat(contact.get("Id").getType()).isEqualTo(FieldType.id);
    assertThat(contact.get("Id").getSoapType()).isEqualTo(SoapType.ID);
    assertThat(contact.get("LastName").getType()).isEqualTo(FieldType.string);
    assertThat(contact.get("LastName").getLength()).isEqualTo(80);
    assertThat(contact.get("LastName").isNillable()).isFalse();
    assertThat(contact.get("Birthdate").getSoapType()).isEqualTo(SoapType.date);
    assertThat(contact.get("HasOptedOutOfEmail").getType()).isEqualTo(FieldType._boolean);
    assertThat(contact.get("SystemModstamp").getType()).isEqualTo(FieldType.datetime);
    assertThat(contact.get("SystemModstamp").isCreateable()).isFalse();
    Field accountId = contact.get("AccountId");
    assertThat(accountId.getType()).isEqualTo(FieldType.reference);
    assertThat(accountId.getReferenceTo()).containsExactly("Account");
    assertThat(accountId.getRelationshipName()).isEqualTo("Account");
    assertThat(results[0].getKeyPrefix()).isEqualTo("003");
    assertThat(results[0].getUrlDetail()).startsWith(sim.baseUrl().toString());

    Field industry =
        Arrays.stream(results[1].getFields())
            .filter(f -> f.getName().equals("Industry"))
            .findFirst()
            .orElseThrow();
    assertThat(industry.getType()).isEqualTo(FieldType.picklist);
    assertThat(industry.getPicklistValues())
        .extracting(p -> p.getValue())
        .contains("Banking", "Retail");
    assertThat(results[1].getChildRelationships())
        .extracting(
            ChildRelationship::getChildSObject,
            ChildRelationship::getField,
            ChildRelationship::getRelationshipName)
        .contains(org.assertj.core.groups.Tuple.tuple("Contact", "AccountId", "Contacts"));
    assertThat(results[1].getRecordTypeInfos()).hasSize(1);
  }

  @Test
  void caseNumberIsAnAutoNumberInTheSoapDescribeAsInRest() throws Exception {
    com.sforce.soap.partner.Field[] fields = conn.describeSObject("Case").getFields();
    assertThat(fields)
        .filteredOn(f -> f.getName().equals("CaseNumber"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.isAutoNumber()).isTrue();
              assertThat(f.isCreateable()).isFalse();
            });
    assertThat(fields)
        .filteredOn(f -> f.getName().equals("Subject"))
        .singleElement()
        .satisfies(f -> assertThat(f.isAutoNumber()).isFalse());
  }

  @Test
  void describeSObjectOfAnUnknownTypeIsInvalidSObjectFault() throws Exception {
    assertThat(conn.describeSObject("Project__c").getLabel()).isEqualTo("Project");
    assertThatThrownBy(() -> conn.describeSObject("NoSuchThing__c"))
        .isInstanceOfSatisfying(
            InvalidSObjectFault.class,
            f -> {
              assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_TYPE);
              assertThat(f.getExceptionMessage()).contains("NoSuchThing__c");
            });
  }

  @Test
  void anUnknownSessionIsInvalidSessionId() throws Exception {
    PartnerConnection bad = PartnerClients.connect(sim, "00D000000000001!bogus", true);

    assertThatThrownBy(bad::getServerTimestamp)
        .isInstanceOfSatisfying(
            UnexpectedErrorFault.class,
            f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_SESSION_ID));
  }

  @Test
  void anExpiredOrRevokedSessionIsInvalidSessionId() throws Exception {
    String token = sim.issueToken(sim.org().integrationUserId());
    PartnerConnection c = PartnerClients.connect(sim, token, false);
    assertThat(c.getServerTimestamp().getTimestamp()).isNotNull();

    sim.tokens().revoke(token);

    assertThatThrownBy(c::describeGlobal)
        .isInstanceOfSatisfying(
            UnexpectedErrorFault.class,
            f -> {
              assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_SESSION_ID);
              assertThat(f.getExceptionMessage()).isEqualTo(SoapFault.INVALID_SESSION_MESSAGE);
            });
  }

  @Test
  void serverTimestampIsTheOrgClock() throws Exception {
    Instant t = conn.getServerTimestamp().getTimestamp().toInstant();
    assertThat(t).isEqualTo(sim.org().clock().now());
  }

  @Test
  void userInfoDescribesTheSessionUser() throws Exception {
    GetUserInfoResult u = conn.getUserInfo();

    Org org = sim.org();
    assertThat(u.getUserId()).isEqualTo(org.integrationUserId());
    assertThat(u.getOrganizationId()).isEqualTo(org.orgId());
    assertThat(u.getUserName()).isEqualTo(org.username(org.integrationUserId()));
    assertThat(u.getUserFullName()).isNotBlank();
    assertThat(u.getSessionSecondsValid()).isEqualTo((int) Duration.ofHours(2).toSeconds());
  }

  @Test
  void everyResponseCarriesTheApiUsageInLimitInfoHeader() throws Exception {
    conn.getServerTimestamp();
    conn.getServerTimestamp();

    LimitInfo[] info = conn.getLimitInfoHeader().getLimitInfo();
    assertThat(info).hasSize(1);
    assertThat(info[0].getType()).isEqualTo("API REQUESTS");
    assertThat(info[0].getCurrent()).isEqualTo(sim.limits().used()).isGreaterThanOrEqualTo(2);
    assertThat(info[0].getLimit()).isEqualTo(sim.limits().dailyMax());
  }

  @Test
  void createRetrieveUpdateDeleteUndeleteRoundTrip() throws Exception {
    SObject account = new SObject("Account");
    account.setField("Name", "Round Trip Inc");
    account.setField("NumberOfEmployees", 42);
    account.setField("Website", "https://example.com");
    SaveResult created = conn.create(new SObject[] {account})[0];
    assertThat(created.isSuccess()).as("%s", Arrays.toString(created.getErrors())).isTrue();
    String id = created.getId();
    assertThat(id).startsWith("001").hasSize(18);

    ObjectTable accounts = sim.org().table("Account");
    int row = accounts.rowOf(id);
    assertThat(accounts.isLive(row)).isTrue();
    assertThat(accounts.value(row, "Name")).isEqualTo("Round Trip Inc");
    assertThat(accounts.value(row, "NumberOfEmployees")).isEqualTo(42);

    SObject fetched =
        conn.retrieve("Name, NumberOfEmployees, Phone", "Account", new String[] {id})[0];
    assertThat(fetched.getType()).isEqualTo("Account");
    assertThat(fetched.getId()).isEqualTo(id);
    assertThat(fetched.getField("Name")).isEqualTo("Round Trip Inc");
    assertThat(fetched.getField("NumberOfEmployees")).isEqualTo("42");
    assertThat(fetched.getField("Phone")).isNull();

    SObject change = new SObject("Account");
    change.setId(id);
    change.setField("Name", "Round Trip Ltd");
    change.setFieldsToNull(new String[] {"Website"});
    SaveResult updated = conn.update(new SObject[] {change})[0];
    assertThat(updated.isSuccess()).isTrue();
    assertThat(accounts.value(row, "Name")).isEqualTo("Round Trip Ltd");
    assertThat(accounts.value(row, "Website")).isNull();

    DeleteResult deleted = conn.delete(new String[] {id})[0];
    assertThat(deleted.isSuccess()).isTrue();
    assertThat(deleted.getId()).isEqualTo(id);
    assertThat(accounts.isRecycled(row)).isTrue();
    assertThat(conn.retrieve("Name", "Account", new String[] {id})).containsExactly((SObject) null);

    UndeleteResult restored = conn.undelete(new String[] {id})[0];
    assertThat(restored.isSuccess()).isTrue();
    assertThat(accounts.isLive(row)).isTrue();
    assertThat(conn.retrieve("Name", "Account", new String[] {id})[0].getField("Name"))
        .isEqualTo("Round Trip Ltd");
  }

  @Test
  void failedRecordsGetErrorsWhileTheOthersSucceed() throws Exception {
    SObject noLastName = new SObject("Contact");
    noLastName.setField("FirstName", "Ann");
    SObject ok = new SObject("Contact");
    ok.setField("LastName", "Ok");
    SObject badEmail = new SObject("Contact");
    badEmail.setField("LastName", "Bad");
    badEmail.setField("Email", "not-an-email");

    SaveResult[] r = conn.create(new SObject[] {noLastName, ok, badEmail});

    assertThat(r[0].isSuccess()).isFalse();
    assertThat(r[0].getId()).isNull();
    assertThat(r[0].getErrors()[0].getStatusCode())
        .isEqualTo(com.sforce.soap.partner.StatusCode.REQUIRED_FIELD_MISSING);
    assertThat(r[0].getErrors()[0].getFields()).containsExactly("LastName");
    assertThat(r[1].isSuccess()).isTrue();
    assertThat(r[2].getErrors()[0].getStatusCode())
        .isEqualTo(com.sforce.soap.partner.StatusCode.INVALID_EMAIL_ADDRESS);

    DeleteResult d = conn.delete(new String[] {"003000000000000"})[0];
    assertThat(d.isSuccess()).isFalse();
    assertThat(d.getErrors()).isNotEmpty();
  }

  @Test
  void underTheAllOrNoneHeaderOneFailedRecordFailsTheCall() throws Exception {
    ObjectTable contacts = sim.org().table("Contact");
    int before = contacts.size();
    SObject ok = new SObject("Contact");
    ok.setField("LastName", "Ok");
    SObject noLastName = new SObject("Contact");
    noLastName.setField("FirstName", "Ann");
    conn.setAllOrNoneHeader(true);

    SaveResult[] r = conn.create(new SObject[] {ok, noLastName});

    assertThat(r[0].isSuccess()).isFalse();
    assertThat(r[0].getId()).isNull();
    assertThat(r[0].getErrors()[0].getStatusCode())
        .isEqualTo(com.sforce.soap.partner.StatusCode.ALL_OR_NONE_OPERATION_ROLLED_BACK);
    assertThat(r[0].getErrors()[0].getMessage())
        .isEqualTo(
            "Record rolled back because not all records were valid and the request was using"
                + " AllOrNone header");
    assertThat(r[1].getErrors()[0].getStatusCode())
        .isEqualTo(com.sforce.soap.partner.StatusCode.REQUIRED_FIELD_MISSING);
    assertThat(contacts.size()).isEqualTo(before);

    // The second delete fails only once the first is written; the first is undone.
    int row = 0;
    while (!contacts.isLive(row)) {
      row++;
    }
    String id = contacts.id(row);
    DeleteResult[] d = conn.delete(new String[] {id, id});
    assertThat(d[0].isSuccess()).isFalse();
    assertThat(d[0].getId()).isEqualTo(id);
    assertThat(d[0].getErrors()[0].getStatusCode())
        .isEqualTo(com.sforce.soap.partner.StatusCode.ALL_OR_NONE_OPERATION_ROLLED_BACK);
    assertThat(d[1].getErrors()[0].getStatusCode())
        .isEqualTo(com.sforce.soap.partner.StatusCode.ENTITY_IS_DELETED);
    assertThat(contacts.isLive(row)).isTrue();

    SaveResult[] valid = conn.create(new SObject[] {ok, ok});
    assertThat(valid).extracting(SaveResult::isSuccess).containsExactly(true, true);
    assertThat(contacts.size()).isEqualTo(before + 2);
  }

  @Test
  void upsertByExternalIdCreatesThenUpdatesAndResolvesParentReferences() throws Exception {
    SObject a = new SObject("Account");
    a.setField("Name", "Upserted");
    a.setField("AccountNumber", "EXT-1");
    UpsertResult first = conn.upsert("AccountNumber", new SObject[] {a})[0];
    assertThat(first.isSuccess()).isTrue();
    assertThat(first.isCreated()).isTrue();

    a.setField("Name", "Upserted Again");
    UpsertResult second = conn.upsert("AccountNumber", new SObject[] {a})[0];
    assertThat(second.isCreated()).isFalse();
    assertThat(second.getId()).isEqualTo(first.getId());
    ObjectTable accounts = sim.org().table("Account");
    assertThat(accounts.value(accounts.rowOf(first.getId()), "Name")).isEqualTo("Upserted Again");

    SObject parent = new SObject("Account");
    parent.setField("AccountNumber", "EXT-1");
    SObject contact = new SObject("Contact");
    contact.setField("LastName", "Child");
    contact.setField("Account", parent);
    SaveResult c = conn.create(new SObject[] {contact})[0];
    assertThat(c.isSuccess()).as("%s", Arrays.toString(c.getErrors())).isTrue();
    ObjectTable contacts = sim.org().table("Contact");
    assertThat(contacts.value(contacts.rowOf(c.getId()), "AccountId")).isEqualTo(first.getId());

    parent.setField("AccountNumber", "EXT-404");
    SaveResult missing = conn.create(new SObject[] {contact})[0];
    assertThat(missing.isSuccess()).isFalse();
    assertThat(missing.getErrors()[0].getMessage()).contains("EXT-404");
  }

  @Test
  void retrieveRefusesUnknownFields() {
    assertThatThrownBy(() -> conn.retrieve("Name, Nope__c", "Account", new String[] {}))
        .isInstanceOfSatisfying(
            InvalidFieldFault.class,
            f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_FIELD));
  }

  @Test
  void moreThanTwoHundredRecordsFailTheCall() {
    SObject[] many = new SObject[201];
    for (int i = 0; i < many.length; i++) {
      many[i] = new SObject("Contact");
      many[i].setField("LastName", "N" + i);
    }
    assertThatThrownBy(() -> conn.create(many))
        .isInstanceOfSatisfying(
            UnexpectedErrorFault.class,
            f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.EXCEEDED_ID_LIMIT));
  }

  @Test
  void injectedOutagesAndSpentLimitsAreTypedFaults() throws Exception {
    sim.faults().enable(FaultPlan.none().withServerErrors(1.0));
    assertThatThrownBy(conn::getServerTimestamp)
        .isInstanceOfSatisfying(
            UnexpectedErrorFault.class,
            f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.SERVER_UNAVAILABLE));
    sim.faults().disable();

    sim.limits().exhaust();
    assertThatThrownBy(conn::getServerTimestamp)
        .isInstanceOfSatisfying(
            UnexpectedErrorFault.class,
            f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.REQUEST_LIMIT_EXCEEDED));
  }

  @Test
  void validationRulesFailCreateAndUpdateWithTheirMessageAndField() throws Exception {
    sim.org()
        .addValidationRule(
            "Contact",
            "No_Rejected",
            r -> "Rejected".equals(r.get("Title")),
            "Title may not be Rejected",
            "Title");
    SObject bad = new SObject("Contact");
    bad.setField("LastName", "V");
    bad.setField("Title", "Rejected");
    SObject ok = new SObject("Contact");
    ok.setField("LastName", "W");

    SaveResult[] r = conn.create(new SObject[] {bad, ok});

    assertThat(r[0].isSuccess()).isFalse();
    assertThat(r[0].getErrors()[0].getStatusCode())
        .isEqualTo(com.sforce.soap.partner.StatusCode.FIELD_CUSTOM_VALIDATION_EXCEPTION);
    assertThat(r[0].getErrors()[0].getMessage()).isEqualTo("Title may not be Rejected");
    assertThat(r[0].getErrors()[0].getFields()).containsExactly("Title");
    assertThat(r[1].isSuccess()).isTrue();
    SObject change = new SObject("Contact");
    change.setId(r[1].getId());
    change.setField("Title", "Rejected");
    SaveResult u = conn.update(new SObject[] {change})[0];
    assertThat(u.isSuccess()).isFalse();
    assertThat(u.getErrors()[0].getStatusCode())
        .isEqualTo(com.sforce.soap.partner.StatusCode.FIELD_CUSTOM_VALIDATION_EXCEPTION);
  }
}
