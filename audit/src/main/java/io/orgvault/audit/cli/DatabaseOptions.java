package io.orgvault.audit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the audit tables are. The password comes from a file, never from argv or env. */
final class DatabaseOptions {
  @Spec(Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--jdbc-url",
      required = true,
      description = "e.g. jdbc:postgresql://db:5432/orgvault?currentSchema=public")
  String url;

  @Option(names = "--db-user", required = true)
  String user;

  @Option(names = "--db-password-file", description = "A file holding the password (one line).")
  Path passwordFile;

  DataSource dataSource() throws IOException {
    if (url.toLowerCase(Locale.ROOT).contains("password")) {
      throw new ParameterException(
          spec.commandLine(), "put the database password in --db-password-file, not in the URL");
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser(user);
    if (passwordFile != null) {
      ds.setPassword(Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
    }
    return ds;
  }
}
