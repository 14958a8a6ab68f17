package io.orgvault.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.orgvault.sandbox.RepositoryRoot;
import io.orgvault.sandbox.seccomp.SeccompProfileExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests in {@code deploy/kubernetes} keep every control of the bubblewrap
 * sandbox, with the launcher's own limits and JVM flags: a careless edit fails the build. (No
 * cluster runs here; this checks the manifests, not a cluster's behaviour.)
 */
class KubernetesManifestTest {
  static final String DIR = "deploy/kubernetes/";
  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");
  static final String NAMESPACE = "orgvault-sandboxes";

  /** Example values, as the orchestrator would fill them (README.md's table). */
  static final Map<String, String> EXAMPLE =
      Map.of(
          "JOB_NAME", "orgvault-backup-acme-7f3k2",
          "TENANT_ID", "acme",
          "JOB_KIND", "backup",
          "TENANT_UID", "61000",
          "TENANT_PVC", "orgvault-volume-acme",
          "SANDBOX_IMAGE", "registry.example/orgvault/sandbox@sha256:" + "0".repeat(64),
          "APP_CLASSPATH", "/app/sandbox-runner.jar:/app/backup-engine.jar");

  final YAMLMapper yaml = new YAMLMapper();
  final ResourceLimits limits = ResourceLimits.defaults();

  JsonNode read(String file) throws IOException {
    return yaml.readTree(RepositoryRoot.resolve(DIR + file).toFile());
  }

  JsonNode pod() throws IOException {
    return read("sandbox-job.yaml").path("spec").path("template").path("spec");
  }

  JsonNode container() throws IOException {
    JsonNode containers = pod().path("containers");
    assertThat(containers).as("one container").hasSize(1);
    return containers.path(0);
  }

  @Test
  void theJobRunsSandboxMainAsTheLauncherDoes() throws IOException {
    List<String> expected = new ArrayList<>();
    expected.addAll(
        List.of(
            "/usr/bin/prlimit",
            "--cpu="
                + limits.cpuSeconds()
                + ":"
                + (limits.cpuSeconds() + SandboxLauncher.CPU_GRACE_SECONDS),
            "--nofile=" + limits.maxOpenFiles(),
            "--core=0",
            "--",
            "/usr/bin/java",
            "-Xmx" + limits.heapBytes()));
    expected.addAll(SandboxLauncher.JVM_FLAGS);
    expected.add("-XX:SharedArchiveFile=" + AppImage.MOUNT + "/" + SandboxLauncher.CDS_ARCHIVE);
    expected.addAll(List.of("-cp", "${APP_CLASSPATH}", SandboxCommand.job().mainClass()));
    assertThat(texts(container().path("command"))).containsExactlyElementsOf(expected);
    assertThat(container().has("args")).isFalse();
    assertThat(container().path("workingDir").asText()).isEqualTo("/tmp");
    assertThat(pod().path("hostname").asText()).isEqualTo(SandboxLauncher.HOSTNAME);
  }

  @Test
  void theRequestArrivesOnStdinOnceAndNothingSecretInTheEnvironment() throws IOException {
    JsonNode c = container();
    assertThat(c.path("stdin").asBoolean()).isTrue();
    assertThat(c.path("stdinOnce").asBoolean()).isTrue();
    assertThat(c.path("tty").asBoolean(true)).isFalse();
    assertThat(c.has("envFrom")).isFalse();
    Set<String> names = new TreeSet<>();
    for (JsonNode e : c.path("env")) {
      names.add(e.path("name").asText());
      assertThat(e.has("valueFrom")).as(e.toString()).isFalse();
      assertThat(e.path("value").isTextual()).as(e.toString()).isTrue();
    }
    assertThat(names).containsExactlyInAnyOrder("PATH", "HOME", "LANG", "MALLOC_ARENA_MAX");
    assertThat(pod().path("automountServiceAccountToken").asBoolean(true)).isFalse();
    assertThat(pod().path("enableServiceLinks").asBoolean(true)).isFalse();
    assertThat(pod().has("serviceAccountName")).isFalse();
    assertThat(pod().has("initContainers")).isFalse();
    assertThat(pod().has("ephemeralContainers")).isFalse();
  }

  @Test
  void thePodRunsAsTheTenantsUidWithoutPrivilegesUnderTheSeccompProfile() throws IOException {
    JsonNode pod = pod();
    for (String host : List.of("hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace")) {
      assertThat(pod.path(host).asBoolean(true)).as(host).isFalse();
    }
    JsonNode psc = pod.path("securityContext");
    for (String id : List.of("runAsUser", "runAsGroup", "fsGroup")) {
      assertThat(psc.path(id).asText()).as(id).isEqualTo("${TENANT_UID}");
    }
    assertThat(psc.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(psc.has("supplementalGroups")).isFalse();
    assertThat(psc.path("seccompProfile").path("type").asText()).isEqualTo("Localhost");
    assertThat(psc.path("seccompProfile").path("localhostProfile").asText())
        .endsWith("/" + Path.of(SeccompProfileExport.COMMITTED_PATH).getFileName());

    JsonNode csc = container().path("securityContext");
    assertThat(csc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(csc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(csc.path("privileged").asBoolean(true)).isFalse();
    assertThat(csc.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(texts(csc.path("capabilities").path("drop"))).containsExactly("ALL");
    assertThat(csc.path("capabilities").has("add")).isFalse();
    // Nothing at the container level may loosen the pod's identity or profile.
    for (String loosening :
        List.of("runAsUser", "runAsGroup", "seccompProfile", "procMount", "seLinuxOptions")) {
      assertThat(csc.has(loosening)).as(loosening).isFalse();
    }
  }

  @Test
  void onlyTheTenantsVolumeAndAPrivateTmpInMemory() throws IOException {
    JsonNode volumes = pod().path("volumes");
    assertThat(volumes).hasSize(2);
    JsonNode volume = byName(volumes, "volume");
    assertThat(fieldNames(volume)).containsExactlyInAnyOrder("name", "persistentVolumeClaim");
    assertThat(volume.path("persistentVolumeClaim").path("claimName").asText())
        .isEqualTo("${TENANT_PVC}");
    assertThat(volume.path("persistentVolumeClaim").path("readOnly").asBoolean()).isFalse();
    JsonNode tmp = byName(volumes, "tmp");
    assertThat(fieldNames(tmp)).containsExactlyInAnyOrder("name", "emptyDir");
    assertThat(tmp.path("emptyDir").path("medium").asText()).isEqualTo("Memory");
    long tmpBytes = bytes(tmp.path("emptyDir").path("sizeLimit").asText());
    // /tmp in memory counts against the limit: the JVM still needs its heap and non-heap.
    assertThat(tmpBytes + limits.heapBytes() + ResourceLimits.MIN_NON_HEAP_BYTES)
        .isLessThanOrEqualTo(limits.memoryBytes());

    JsonNode mounts = container().path("volumeMounts");
    assertThat(mounts).hasSize(2);
    assertThat(byName(mounts, "volume").path("mountPath").asText())
        .isEqualTo(SandboxLauncher.VOLUME);
    assertThat(byName(mounts, "tmp").path("mountPath").asText()).isEqualTo("/tmp");
    for (JsonNode m : mounts) {
      assertThat(m.has("subPath") || m.has("subPathExpr")).as(m.toString()).isFalse();
    }
  }

  @Test
  void limitsAndDeadlineAreTheLaunchersDefaults() throws IOException {
    JsonNode job = read("sandbox-job.yaml");
    assertThat(job.path("kind").asText()).isEqualTo("Job");
    assertThat(job.path("metadata").path("namespace").asText()).isEqualTo(NAMESPACE);
    JsonNode spec = job.path("spec");
    assertThat(spec.path("activeDeadlineSeconds").asLong())
        .isEqualTo(limits.wallClock().toSeconds());
    assertThat(spec.path("backoffLimit").isInt()).isTrue();
    assertThat(spec.path("backoffLimit").asInt()).isZero();
    assertThat(spec.path("ttlSecondsAfterFinished").asInt()).isPositive();
    assertThat(pod().path("restartPolicy").asText()).isEqualTo("Never");

    JsonNode resources = container().path("resources");
    for (String kind : List.of("limits", "requests")) {
      JsonNode r = resources.path(kind);
      assertThat(bytes(r.path("memory").asText())).as(kind).isEqualTo(limits.memoryBytes());
      assertThat(milliCpu(r.path("cpu").asText())).as(kind).isEqualTo(limits.cpuPercent() * 10L);
    }
  }

  @Test
  void sandboxPodsTakeNothingInAndReachOnlyTheEgressProxy() throws IOException {
    JsonNode policy = read("sandbox-network-policy.yaml");
    assertThat(policy.path("kind").asText()).isEqualTo("NetworkPolicy");
    assertThat(policy.path("metadata").path("namespace").asText()).isEqualTo(NAMESPACE);
    JsonNode spec = policy.path("spec");
    JsonNode podLabels = read("sandbox-job.yaml").path("spec").path("template").path("metadata");
    spec.path("podSelector")
        .path("matchLabels")
        .fields()
        .forEachRemaining(
            e ->
                assertThat(podLabels.path("labels").path(e.getKey()).asText())
                    .as("the policy selects the sandbox pods: " + e.getKey())
                    .isEqualTo(e.getValue().asText()));
    assertThat(spec.path("podSelector").path("matchLabels")).isNotEmpty();
    assertThat(texts(spec.path("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(spec.path("ingress").isArray()).isTrue();
    assertThat(spec.path("ingress")).isEmpty();

    JsonNode egress = spec.path("egress");
    assertThat(egress).hasSize(1);
    JsonNode to = egress.path(0).path("to");
    assertThat(to).hasSize(1);
    assertThat(fieldNames(to.path(0))).containsExactly("podSelector");
    assertThat(
            to.path(0)
                .path("podSelector")
                .path("matchLabels")
                .path("app.kubernetes.io/component")
                .asText())
        .isEqualTo("egress-proxy");
    JsonNode ports = egress.path(0).path("ports");
    assertThat(ports).hasSize(1);
    assertThat(ports.path(0).path("protocol").asText()).isEqualTo("TCP");
    assertThat(ports.path(0).path("port").asText()).isEqualTo("egress-proxy");
  }

  @Test
  void theNamespaceEnforcesTheRestrictedPodSecurityStandard() throws IOException {
    JsonNode ns = read("namespace.yaml");
    assertThat(ns.path("metadata").path("name").asText()).isEqualTo(NAMESPACE);
    assertThat(
            ns.path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText())
        .isEqualTo("restricted");
  }

  @Test
  void everyPlaceholderIsDocumentedAndFilledGivesTypedValues() throws IOException {
    Set<String> used = new TreeSet<>();
    try (var files = Files.list(RepositoryRoot.resolve(DIR))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Matcher m = PLACEHOLDER.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    assertThat(used).containsExactlyInAnyOrderElementsOf(EXAMPLE.keySet());
    String readme = Files.readString(RepositoryRoot.resolve(DIR + "README.md"));
    for (String name : used) {
      assertThat(readme).as("README.md documents " + name).contains("`${" + name + "}`");
    }

    String filled = Files.readString(RepositoryRoot.resolve(DIR + "sandbox-job.yaml"));
    for (var e : EXAMPLE.entrySet()) {
      filled = filled.replace("${" + e.getKey() + "}", e.getValue());
    }
    assertThat(PLACEHOLDER.matcher(filled).find()).isFalse();
    JsonNode psc =
        yaml.readTree(filled).path("spec").path("template").path("spec").path("securityContext");
    for (String id : List.of("runAsUser", "runAsGroup", "fsGroup")) {
      assertThat(psc.path(id).isInt()).as(id + " becomes a number").isTrue();
      assertThat(psc.path(id).asInt()).isGreaterThanOrEqualTo(UidRange.LOWEST_FIRST);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static JsonNode byName(JsonNode array, String name) {
    for (JsonNode n : array) {
      if (n.path("name").asText().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no entry named " + name + " in " + array);
  }

  /** A Kubernetes memory quantity with a binary suffix (Ki, Mi, Gi) or none, in bytes. */
  static long bytes(String quantity) {
    Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(quantity);
    assertThat(m.matches()).as("memory quantity " + quantity).isTrue();
    long n = Long.parseLong(m.group(1));
    int shift =
        m.group(2) == null
            ? 0
            : switch (m.group(2)) {
              case "Ki" -> 10;
              case "Mi" -> 20;
              default -> 30;
            };
    return n << shift;
  }

  /** A Kubernetes CPU quantity ("1", "1000m") in thousandths of a core. */
  static long milliCpu(String quantity) {
    return quantity.endsWith("m")
        ? Long.parseLong(quantity.substring(0, quantity.length() - 1))
        : Long.parseLong(quantity) * 1000;
  }
}
