package io.orgvault.simulator.org;

/** Salesforce field types, with the names describe calls use on the REST and SOAP APIs. */
public enum FieldType {
  ID("id", "tns:ID"),
  STRING("string", "xsd:string"),
  TEXTAREA("textarea", "xsd:string"),
  EMAIL("email", "xsd:string"),
  PHONE("phone", "xsd:string"),
  URL("url", "xsd:string"),
  PICKLIST("picklist", "xsd:string"),
  BOOLEAN("boolean", "xsd:boolean"),
  INT("int", "xsd:int"),
  DOUBLE("double", "xsd:double"),
  CURRENCY("currency", "xsd:double"),
  PERCENT("percent", "xsd:double"),
  DATE("date", "xsd:date"),
  DATETIME("datetime", "xsd:dateTime"),
  REFERENCE("reference", "tns:ID"),
  BASE64("base64", "xsd:base64Binary");

  private final String apiName;
  private final String soapType;

  FieldType(String apiName, String soapType) {
    this.apiName = apiName;
    this.soapType = soapType;
  }

  /** The value of {@code type} in a describe result. */
  public String apiName() {
    return apiName;
  }

  /** The value of {@code soapType} in a describe result. */
  public String soapType() {
    return soapType;
  }

  /**
   * The type of the field's values as Salesforce's type errors name it, DML's and the JSON
   * deserializer's alike: {@code int} for an INT field, {@code double} for a CURRENCY one.
   */
  public String valueType() {
    return switch (this) {
      case BOOLEAN -> "boolean";
      case INT -> "int";
      case DOUBLE, CURRENCY, PERCENT -> "double";
      case DATE -> "date";
      case DATETIME -> "datetime";
      case BASE64 -> "base64";
      case ID, REFERENCE -> "id";
      default -> "string";
    };
  }

  public boolean isText() {
    return soapType.equals("xsd:string") || this == ID || this == REFERENCE;
  }

  public boolean isNumber() {
    return this == INT || this == DOUBLE || this == CURRENCY || this == PERCENT;
  }
}
