package io.orgvault.simulator.oauth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * What an integration does for the JWT bearer flow: an RSA key pair, a self-signed certificate to
 * upload to the connected app, and RS256-signed assertions.
 */
final class JwtSigner {
  private final KeyPair keyPair;
  private final X509Certificate certificate;

  private JwtSigner(KeyPair keyPair, X509Certificate certificate) {
    this.keyPair = keyPair;
    this.certificate = certificate;
  }

  static JwtSigner generate() throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
    kpg.initialize(2048);
    KeyPair kp = kpg.generateKeyPair();
    X500Name name = new X500Name("CN=OrgVault JWT test");
    Instant now = Instant.now();
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        name,
                        new BigInteger(64, new SecureRandom()),
                        Date.from(now.minus(Duration.ofHours(1))),
                        Date.from(now.plus(Duration.ofDays(1))),
                        name,
                        kp.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
    return new JwtSigner(kp, cert);
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** An RS256 JWT with these claims (a JSON object's text). */
  String sign(String claimsJson) throws Exception {
    return sign("{\"alg\":\"RS256\"}", claimsJson, keyPair.getPrivate());
  }

  static String sign(String headerJson, String claimsJson, PrivateKey key) throws Exception {
    String input = b64(headerJson) + "." + b64(claimsJson);
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(key);
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
  }

  static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Claims as Salesforce documents them: {@code iss}, {@code sub}, {@code aud}, {@code exp}. */
  static String claims(String iss, String sub, String aud, long exp) {
    return "{\"iss\":\"%s\",\"sub\":\"%s\",\"aud\":\"%s\",\"exp\":%d}"
        .formatted(iss, sub, aud, exp);
  }
}
