package io.orgvault.simulator.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sforce.soap.partner.fault.ExceptionCode;
import io.orgvault.simulator.soql.SoqlException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SoapFaultTest {
  @Test
  void everyExceptionCodeSentInADetailIsOneTheWsdlDeclares() {
    Set<String> wsdl =
        Arrays.stream(ExceptionCode.values()).map(Enum::name).collect(Collectors.toSet());
    assertThat(wsdl).containsAll(SoapFault.EXCEPTION_CODES);
  }

  @Test
  void queryFaultsTakeTheirPositionFromTheMessage() {
    SoapFault f =
        SoapFault.fromSoql(
            new SoqlException(
                "INVALID_FIELD",
                "SELECT Nope FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Nope'"));
    assertThat(f.type()).isEqualTo(SoapFault.Type.INVALID_FIELD);
    assertThat(f.row()).isEqualTo(1);
    assertThat(f.column()).isEqualTo(8);
    assertThat(f.faultCode()).isEqualTo("sf:INVALID_FIELD");
  }

  @Test
  void unknownQueryErrorCodesBecomePlainFaults() {
    SoapFault f = SoapFault.fromSoql(new SoqlException("SOMETHING_NEW", "odd"));
    assertThat(f.type()).isEqualTo(SoapFault.Type.PLAIN);
    assertThat(f.faultCode()).isEqualTo("soapenv:Client");
  }
}
