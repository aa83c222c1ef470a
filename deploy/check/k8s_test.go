package check

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/kustomize/api/krusty"
	kusttypes "sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

// The two kustomizations deploy/k8s/README.md tells operators to apply, in this order.
const (
	migrateDir = "deploy/k8s/migrate"
	appDir     = "deploy/k8s"
)

// The namespaces whose pods may reach Rebound's port (common/networkpolicy.yaml). README.md says
// to rename them to the cluster's; rename them here too.
const (
	ingressControllerNamespace = "ingress-nginx"
	monitoringNamespace        = "monitoring"
)

// Paths on the API's port that must never be routed by the public Ingress, and paths that must.
var (
	internalPaths = []string{"/metrics", "/healthz", "/readyz"}
	publicPaths   = []string{"/v1/rejections", "/v1/public/feedback-requests/frt_x/response", "/f/frt_x", "/f/assets/style.css", "/docs", "/docs/assets/swagger-ui.css", "/openapi.yaml"}
)

// kinds maps apiVersion/kind to the typed struct a manifest of that kind must decode into.
// Anything else (a Secret above all) has no business in deploy/k8s.
var kinds = map[string]func() any{
	"v1/Namespace":                                  func() any { return &corev1.Namespace{} },
	"v1/ServiceAccount":                             func() any { return &corev1.ServiceAccount{} },
	"v1/Service":                                    func() any { return &corev1.Service{} },
	"v1/ConfigMap":                                  func() any { return &corev1.ConfigMap{} },
	"apps/v1/Deployment":                            func() any { return &appsv1.Deployment{} },
	"batch/v1/Job":                                  func() any { return &batchv1.Job{} },
	"policy/v1/PodDisruptionBudget":                 func() any { return &policyv1.PodDisruptionBudget{} },
	"autoscaling/v2/HorizontalPodAutoscaler":        func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"networking.k8s.io/v1/NetworkPolicy":            func() any { return &networkingv1.NetworkPolicy{} },
	"networking.k8s.io/v1/Ingress":                  func() any { return &networkingv1.Ingress{} },
	"kustomize.config.k8s.io/v1beta1/Kustomization": func() any { return &kusttypes.Kustomization{} },
	"kustomize.config.k8s.io/v1alpha1/Component":    func() any { return &kusttypes.Kustomization{} },
}

// decodeStrict decodes one YAML document into the typed struct for its kind. Unknown and
// duplicate fields are errors, so a misspelt or misplaced field cannot be silently dropped.
func decodeStrict(doc []byte) (any, error) {
	var tm metav1.TypeMeta
	if err := yaml.Unmarshal(doc, &tm); err != nil {
		return nil, err
	}
	newObj, ok := kinds[tm.APIVersion+"/"+tm.Kind]
	if !ok {
		return nil, fmt.Errorf("%s %s is not a kind deploy/k8s may contain", tm.APIVersion, tm.Kind)
	}
	obj := newObj()
	if err := yaml.UnmarshalStrict(doc, obj); err != nil {
		return nil, fmt.Errorf("%s: %w", tm.Kind, err)
	}
	return obj, nil
}

// yamlDocuments splits a multi-document YAML file, dropping empty documents.
func yamlDocuments(b []byte) ([][]byte, error) {
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(b)))
	var docs [][]byte
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(stripComments(doc))) > 0 {
			docs = append(docs, doc)
		}
	}
}

func stripComments(doc []byte) []byte {
	var out [][]byte
	for _, line := range bytes.Split(doc, []byte("\n")) {
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '#' && !bytes.Equal(t, []byte("---")) {
			out = append(out, line)
		}
	}
	return bytes.Join(out, []byte("\n"))
}

// rendered is what `kubectl apply -k dir` sends: kustomize's output, each object typed.
type rendered struct {
	objects []any
	yaml    string
}

var renders sync.Map // dir → func() (rendered, error)

// render builds the kustomization in dir (relative to the repository root) with the kustomize
// library kubectl embeds, once per test binary.
func render(t *testing.T, dir string) rendered {
	t.Helper()
	f, _ := renders.LoadOrStore(dir, sync.OnceValues(func() (rendered, error) {
		abs, err := filepath.Abs(repoPath(dir))
		if err != nil {
			return rendered{}, err
		}
		m, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(filesys.MakeFsOnDisk(), abs)
		if err != nil {
			return rendered{}, err
		}
		var out rendered
		for _, r := range m.Resources() {
			b, err := r.AsYAML()
			if err != nil {
				return rendered{}, err
			}
			obj, err := decodeStrict(b)
			if err != nil {
				return rendered{}, fmt.Errorf("%s: %w", r.CurId(), err)
			}
			out.objects = append(out.objects, obj)
			out.yaml += "---\n" + string(b)
		}
		return out, nil
	}))
	r, err := f.(func() (rendered, error))()
	if err != nil {
		t.Fatalf("kustomize build %s: %v", dir, err)
	}
	return r
}

func objectsOf[T any](r rendered) []*T {
	var out []*T
	for _, o := range r.objects {
		if v, ok := o.(*T); ok {
			out = append(out, v)
		}
	}
	return out
}

// workload is a pod template with where it comes from.
type workload struct {
	name      string // "Deployment rebound-api"
	component string // app.kubernetes.io/component
	template  corev1.PodTemplateSpec
	service   bool // long-running (a Deployment), as opposed to a run-to-completion Job
}

func workloads(r rendered) []workload {
	var out []workload
	for _, d := range objectsOf[appsv1.Deployment](r) {
		out = append(out, workload{"Deployment " + d.Name, d.Spec.Template.Labels["app.kubernetes.io/component"], d.Spec.Template, true})
	}
	for _, j := range objectsOf[batchv1.Job](r) {
		out = append(out, workload{"Job " + j.Name, j.Spec.Template.Labels["app.kubernetes.io/component"], j.Spec.Template, false})
	}
	return out
}

// TestManifestFilesDecodeStrictly decodes every YAML file under deploy/k8s, as written, into the
// typed Kubernetes (or kustomize) struct for its kind, and checks that each is part of a
// kustomization, so none is silently left out of a deployment.
func TestManifestFilesDecodeStrictly(t *testing.T) {
	listed := map[string]bool{}
	var files []string
	err := filepath.WalkDir(repoPath("deploy", "k8s"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(path); ext != ".yaml" && ext != ".yml" {
			return nil
		}
		files = append(files, path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("only %d YAML files under deploy/k8s", len(files))
	}
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := yamlDocuments(b)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if len(docs) == 0 {
			t.Errorf("%s: no YAML document", path)
		}
		for i, doc := range docs {
			obj, err := decodeStrict(doc)
			if err != nil {
				t.Errorf("%s (document %d): %v", path, i+1, err)
				continue
			}
			if k, ok := obj.(*kusttypes.Kustomization); ok {
				for _, res := range k.Resources {
					listed[filepath.Clean(filepath.Join(filepath.Dir(path), res))] = true
				}
			}
		}
	}
	for _, path := range files {
		if base := filepath.Base(path); base != "kustomization.yaml" && !listed[filepath.Clean(path)] {
			t.Errorf("%s is in no kustomization's resources, so it is never applied", path)
		}
	}
}

// TestManifestsRender builds both kustomizations and decodes their output strictly: what
// the cluster receives, after kustomize set the namespace, the image and the ConfigMap's name.
func TestManifestsRender(t *testing.T) {
	for _, dir := range []string{appDir, migrateDir} {
		r := render(t, dir)
		if strings.Contains(r.yaml, "postgres://") || strings.Contains(r.yaml, "postgresql://") {
			t.Errorf("%s: a database URL is written into a manifest; it belongs in the rebound-database Secret", dir)
		}
		for _, o := range r.objects {
			m := o.(metav1.ObjectMetaAccessor).GetObjectMeta()
			if _, isNS := o.(*corev1.Namespace); !isNS && m.GetNamespace() != "rebound" {
				t.Errorf("%s: %T %s is in namespace %q, not rebound", dir, o, m.GetName(), m.GetNamespace())
			}
			if m.GetLabels()["app.kubernetes.io/name"] != "rebound" {
				t.Errorf("%s: %T %s lacks the label app.kubernetes.io/name: rebound", dir, o, m.GetName())
			}
		}
		for _, ns := range objectsOf[corev1.Namespace](r) {
			if ns.Labels["pod-security.kubernetes.io/enforce"] != "restricted" {
				t.Errorf("%s: namespace %s does not enforce the restricted Pod Security Standard", dir, ns.Name)
			}
		}
	}
	app, migrate := render(t, appDir), render(t, migrateDir)
	if got := len(workloads(migrate)); got != 1 || len(objectsOf[batchv1.Job](migrate)) != 1 {
		t.Errorf("%s: want exactly the migration Job as workload, got %d workloads", migrateDir, got)
	}
	if len(objectsOf[batchv1.Job](app)) != 0 {
		t.Errorf("%s: the app must not contain the migration Job (a Job's template cannot be re-applied with a new image)", appDir)
	}
}

// image is the image every container of both kustomizations runs, which must be the same one.
func image(t *testing.T) string {
	t.Helper()
	var images []string
	for _, dir := range []string{appDir, migrateDir} {
		for _, w := range workloads(render(t, dir)) {
			for _, c := range w.template.Spec.Containers {
				images = append(images, c.Image)
			}
		}
	}
	slices.Sort(images)
	images = slices.Compact(images)
	if len(images) != 1 {
		t.Fatalf("the migration and the app must run one image; they run %v", images)
	}
	return images[0]
}

// TestOneImageEverywhere: the migration, the API and the workers run the same pinned image,
// whose repository is the one deploy/compose.yaml builds.
func TestOneImageEverywhere(t *testing.T) {
	img := image(t)
	repo, tag, ok := strings.Cut(img, ":")
	if at := strings.Index(img, "@sha256:"); at > 0 {
		repo, tag, ok = img[:at], img[at+1:], true
	}
	if !ok || tag == "" || tag == "latest" {
		t.Errorf("image %s: pin a tag or digest (deploy/k8s/release), not latest", img)
	}
	if repo != imageRepository {
		t.Errorf("image repository %s, want %s", repo, imageRepository)
	}
}

// imageRepository is the name the image is published and built under.
const imageRepository = "ghcr.io/reboundhq/rebound"

// TestPodsAreLockedDown checks every container of every workload against the security settings
// in deploy/k8s/README.md and the image the Dockerfile builds.
func TestPodsAreLockedDown(t *testing.T) {
	df := parseDockerfile(t)
	for _, dir := range []string{appDir, migrateDir} {
		r := render(t, dir)
		sas := map[string]*corev1.ServiceAccount{}
		for _, sa := range objectsOf[corev1.ServiceAccount](r) {
			sas[sa.Name] = sa
		}
		for _, w := range workloads(r) {
			spec := w.template.Spec
			where := dir + ": " + w.name
			sa := sas[spec.ServiceAccountName]
			switch {
			case spec.ServiceAccountName == "" || spec.ServiceAccountName == "default":
				t.Errorf("%s: runs as the namespace's default service account", where)
			case sa == nil:
				t.Errorf("%s: service account %q is not part of the kustomization", where, spec.ServiceAccountName)
			case sa.AutomountServiceAccountToken == nil || *sa.AutomountServiceAccountToken:
				t.Errorf("%s: service account %s mounts its token; Rebound never calls the Kubernetes API", where, sa.Name)
			}
			if spec.AutomountServiceAccountToken == nil || *spec.AutomountServiceAccountToken {
				t.Errorf("%s: automountServiceAccountToken must be false on the pod too", where)
			}
			if spec.EnableServiceLinks == nil || *spec.EnableServiceLinks {
				t.Errorf("%s: enableServiceLinks must be false (service links inject REBOUND_*_SERVICE_* variables)", where)
			}
			if spec.HostNetwork || spec.HostPID || spec.HostIPC {
				t.Errorf("%s: shares a host namespace", where)
			}
			// With PostgreSQL the binary writes nothing locally, so there is no writable path to
			// provide; a volume here needs a reason and a change to this check.
			if len(spec.Volumes) > 0 {
				t.Errorf("%s: has volumes %v; with PostgreSQL no writable path is needed", where, spec.Volumes)
			}
			if len(spec.InitContainers) > 0 || len(spec.EphemeralContainers) > 0 {
				t.Errorf("%s: has init or ephemeral containers; the migration is a Job of its own", where)
			}
			psc := spec.SecurityContext
			if psc == nil {
				t.Errorf("%s: no pod securityContext", where)
				psc = &corev1.PodSecurityContext{}
			}
			if len(spec.Containers) != 1 {
				t.Errorf("%s: %d containers, want 1", where, len(spec.Containers))
			}
			for _, c := range spec.Containers {
				where := where + " container " + c.Name
				csc := c.SecurityContext
				if csc == nil {
					t.Errorf("%s: no securityContext", where)
					csc = &corev1.SecurityContext{}
				}
				runAsNonRoot := firstNonNil(csc.RunAsNonRoot, psc.RunAsNonRoot)
				uid := firstNonNil(csc.RunAsUser, psc.RunAsUser)
				gid := firstNonNil(csc.RunAsGroup, psc.RunAsGroup)
				seccomp := firstNonNil(csc.SeccompProfile, psc.SeccompProfile)
				switch {
				case runAsNonRoot == nil || !*runAsNonRoot:
					t.Errorf("%s: runAsNonRoot is not true", where)
				case uid == nil || *uid != df.uid:
					t.Errorf("%s: runAsUser %v, want the Dockerfile's USER id %d", where, deref(uid), df.uid)
				case gid == nil || *gid != df.gid:
					t.Errorf("%s: runAsGroup %v, want the Dockerfile's USER group %d", where, deref(gid), df.gid)
				}
				if seccomp == nil || seccomp.Type != corev1.SeccompProfileTypeRuntimeDefault {
					t.Errorf("%s: seccompProfile is not RuntimeDefault", where)
				}
				if csc.AllowPrivilegeEscalation == nil || *csc.AllowPrivilegeEscalation {
					t.Errorf("%s: allowPrivilegeEscalation is not false", where)
				}
				if csc.Privileged != nil && *csc.Privileged {
					t.Errorf("%s: privileged", where)
				}
				if csc.ReadOnlyRootFilesystem == nil || !*csc.ReadOnlyRootFilesystem {
					t.Errorf("%s: readOnlyRootFilesystem is not true", where)
				}
				if csc.Capabilities == nil || !slices.Equal(csc.Capabilities.Drop, []corev1.Capability{"ALL"}) || len(csc.Capabilities.Add) > 0 {
					t.Errorf("%s: capabilities must drop ALL and add none", where)
				}
				if len(c.Command) > 0 {
					t.Errorf("%s: overrides the image's ENTRYPOINT %v with %v; give the subcommand in args", where, df.entrypoint, c.Command)
				}
				checkResources(t, where, c)
				for _, p := range c.Ports {
					if p.HostPort != 0 {
						t.Errorf("%s: hostPort %d", where, p.HostPort)
					}
				}
			}
		}
	}
}

func firstNonNil[T any](vs ...*T) *T {
	for _, v := range vs {
		if v != nil {
			return v
		}
	}
	return nil
}

func deref[T any](v *T) any {
	if v == nil {
		return "unset"
	}
	return *v
}

// checkResources: requests and limits for CPU and memory, requests within limits, and a
// GOMEMLIMIT (if set) below the memory limit.
func checkResources(t *testing.T, where string, c corev1.Container) {
	t.Helper()
	for _, res := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		req, hasReq := c.Resources.Requests[res]
		lim, hasLim := c.Resources.Limits[res]
		if !hasReq || !hasLim {
			t.Errorf("%s: needs both a request and a limit for %s", where, res)
			continue
		}
		if req.Cmp(lim) > 0 {
			t.Errorf("%s: %s request %s above its limit %s", where, res, req.String(), lim.String())
		}
	}
	for _, e := range c.Env {
		if e.Name != "GOMEMLIMIT" {
			continue
		}
		n, err := goMemLimitBytes(e.Value)
		lim := c.Resources.Limits[corev1.ResourceMemory]
		switch {
		case err != nil:
			t.Errorf("%s: GOMEMLIMIT: %v", where, err)
		case n >= lim.Value():
			t.Errorf("%s: GOMEMLIMIT %s is not below the memory limit %s", where, e.Value, lim.String())
		case n < lim.Value()/2:
			t.Errorf("%s: GOMEMLIMIT %s is under half the memory limit %s; the collector would run needlessly often", where, e.Value, lim.String())
		}
	}
}

// goMemLimitBytes parses a GOMEMLIMIT value the way the Go runtime does (a byte count with an
// optional B, KiB, MiB, GiB or TiB suffix).
func goMemLimitBytes(v string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(v, u.suffix) {
			v, mult = strings.TrimSuffix(v, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a GOMEMLIMIT such as 200MiB", v)
	}
	return n * mult, nil
}

// containerEnv resolves a container's environment: its env entries and the keys of every
// ConfigMap it takes through envFrom. Values from a secretKeyRef are given as "secret:name/key".
func containerEnv(t *testing.T, where string, r rendered, c corev1.Container) map[string]string {
	t.Helper()
	cms := map[string]*corev1.ConfigMap{}
	for _, cm := range objectsOf[corev1.ConfigMap](r) {
		cms[cm.Name] = cm
	}
	env := map[string]string{}
	for _, from := range c.EnvFrom {
		switch {
		case from.ConfigMapRef != nil:
			cm := cms[from.ConfigMapRef.Name]
			if cm == nil {
				t.Errorf("%s: envFrom ConfigMap %s is not part of the kustomization", where, from.ConfigMapRef.Name)
				continue
			}
			for k, v := range cm.Data {
				env[from.Prefix+k] = v
			}
		default:
			t.Errorf("%s: envFrom other than a ConfigMap: %+v", where, from)
		}
	}
	for _, e := range c.Env {
		switch {
		case e.ValueFrom == nil:
			env[e.Name] = e.Value
		case e.ValueFrom.SecretKeyRef != nil:
			env[e.Name] = "secret:" + e.ValueFrom.SecretKeyRef.Name + "/" + e.ValueFrom.SecretKeyRef.Key
		default:
			t.Errorf("%s: env %s comes from something other than a value or a Secret", where, e.Name)
		}
	}
	return env
}

// TestEnvironment: every variable a container gets is one the binary reads or the README
// documents; the database URL always comes from the rebound-database Secret; each role is
// configured as docs/operations.md describes it.
func TestEnvironment(t *testing.T) {
	known := knownEnvNames(t)
	wantSecretKey := map[string]string{"api": "url", "worker": "url", "migrate": "migrate-url"}
	for _, dir := range []string{appDir, migrateDir} {
		r := render(t, dir)
		for _, w := range workloads(r) {
			for _, c := range w.template.Spec.Containers {
				where := dir + ": " + w.name
				env := containerEnv(t, where, r, c)
				for name, v := range env {
					if !known[name] {
						t.Errorf("%s: sets %s, which cmd/rebound/config.go does not read and README.md does not document", where, name)
					}
					if strings.HasPrefix(v, "secret:") && name != "DATABASE_URL" {
						t.Errorf("%s: %s from a Secret; only DATABASE_URL is secret", where, name)
					}
				}
				if want := "secret:rebound-database/" + wantSecretKey[w.component]; env["DATABASE_URL"] != want {
					t.Errorf("%s: DATABASE_URL is %q, want it from %s", where, env["DATABASE_URL"], want)
				}
				if len(c.Args) == 0 {
					t.Errorf("%s: no args; the image's CMD (serve) would run", where)
					continue
				}
				checkCommand(t, where, c.Args[0])
				wantArgs := map[string]string{"api": "serve", "worker": "worker", "migrate": "migrate"}[w.component]
				if !slices.Equal(c.Args, []string{wantArgs}) {
					t.Errorf("%s: args %v, want [%s] for component %q", where, c.Args, wantArgs, w.component)
				}
				switch w.component {
				case "api":
					if env["REBOUND_WORKERS"] != "0" {
						t.Errorf("%s: the API must run with REBOUND_WORKERS=0 (the workers are their own Deployment), has %q", where, env["REBOUND_WORKERS"])
					}
				case "worker":
					if n, err := strconv.Atoi(env["REBOUND_WORKERS"]); err != nil || n < 1 {
						t.Errorf("%s: workers need REBOUND_WORKERS ≥ 1, have %q", where, env["REBOUND_WORKERS"])
					}
				}
			}
		}
	}
}

// listenPort is the port the binary listens on in a container: REBOUND_ADDR's if set, else the
// image's default from the Dockerfile's ENV.
func listenPort(t *testing.T, env map[string]string, df dockerfile) int32 {
	t.Helper()
	addr := env["REBOUND_ADDR"]
	if addr == "" {
		addr = df.env["REBOUND_ADDR"]
	}
	_, port, ok := strings.Cut(addr, ":")
	n, err := strconv.Atoi(port)
	if !ok || err != nil {
		t.Fatalf("REBOUND_ADDR %q has no port", addr)
	}
	return int32(n)
}

// resolvePort turns a named or numbered port into the container's port number, or 0.
func resolvePort(c corev1.Container, p intstr.IntOrString) int32 {
	if p.Type == intstr.Int {
		for _, cp := range c.Ports {
			if cp.ContainerPort == p.IntVal {
				return p.IntVal
			}
		}
		return 0
	}
	for _, cp := range c.Ports {
		if cp.Name == p.StrVal {
			return cp.ContainerPort
		}
	}
	return 0
}

// TestProbesAndLifecycle: every long-running container declares the port it listens on, probes
// liveness on /healthz and readiness on /readyz there, is scraped there, and is given enough
// time to drain.
func TestProbesAndLifecycle(t *testing.T) {
	df := parseDockerfile(t)
	r := render(t, appDir)
	ws := workloads(r)
	if len(ws) != 2 {
		t.Fatalf("want the api and worker Deployments, got %d workloads", len(ws))
	}
	for _, w := range ws {
		for _, c := range w.template.Spec.Containers {
			where := w.name + " container " + c.Name
			env := containerEnv(t, where, r, c)
			port := listenPort(t, env, df)
			if !slices.Contains(df.expose, port) {
				t.Errorf("%s: listens on %d, the Dockerfile EXPOSEs %v", where, port, df.expose)
			}
			if len(c.Ports) != 1 || c.Ports[0].ContainerPort != port || c.Ports[0].Name != "http" {
				t.Errorf("%s: ports %+v, want one named http on %d", where, c.Ports, port)
			}
			probes := []struct {
				name  string
				probe *corev1.Probe
				path  string
			}{{"startupProbe", c.StartupProbe, "/healthz"}, {"livenessProbe", c.LivenessProbe, "/healthz"}, {"readinessProbe", c.ReadinessProbe, "/readyz"}}
			for _, p := range probes {
				switch {
				case p.probe == nil || p.probe.HTTPGet == nil:
					t.Errorf("%s: no HTTP %s", where, p.name)
				case p.probe.HTTPGet.Path != p.path:
					t.Errorf("%s: %s on %s, want %s", where, p.name, p.probe.HTTPGet.Path, p.path)
				case resolvePort(c, p.probe.HTTPGet.Port) != port:
					t.Errorf("%s: %s on port %s, the binary listens on %d", where, p.name, p.probe.HTTPGet.Port.String(), port)
				case p.probe.TimeoutSeconds < 1 || p.probe.PeriodSeconds <= p.probe.TimeoutSeconds:
					t.Errorf("%s: %s needs a timeout shorter than its period", where, p.name)
				}
			}
			ann := w.template.Annotations
			if ann["prometheus.io/scrape"] != "true" || ann["prometheus.io/port"] != strconv.Itoa(int(port)) || ann["prometheus.io/path"] != "/metrics" {
				t.Errorf("%s: scrape annotations %v do not point at /metrics on %d", where, ann, port)
			}
			shutdown := 30 * time.Second // REBOUND_SHUTDOWN_TIMEOUT's default (README.md)
			if v, ok := env["REBOUND_SHUTDOWN_TIMEOUT"]; ok {
				d, err := time.ParseDuration(v)
				if err != nil {
					t.Fatalf("%s: REBOUND_SHUTDOWN_TIMEOUT %q", where, v)
				}
				shutdown = d
			}
			var preStop time.Duration
			if c.Lifecycle != nil && c.Lifecycle.PreStop != nil {
				if c.Lifecycle.PreStop.Sleep == nil {
					t.Errorf("%s: preStop other than a sleep (the distroless image has no shell)", where)
				} else {
					preStop = time.Duration(c.Lifecycle.PreStop.Sleep.Seconds) * time.Second
				}
			}
			if w.component == "api" && preStop == 0 {
				t.Errorf("%s: no preStop sleep; the ingress would still send requests to a draining replica", where)
			}
			grace := w.template.Spec.TerminationGracePeriodSeconds
			if grace == nil || time.Duration(*grace)*time.Second <= preStop+shutdown {
				t.Errorf("%s: terminationGracePeriodSeconds %v must exceed preStop %s + REBOUND_SHUTDOWN_TIMEOUT %s", where, deref(grace), preStop, shutdown)
			}
		}
	}
}

// TestJob: the migration runs to completion once, bounded in retries and time.
func TestJob(t *testing.T) {
	for _, j := range objectsOf[batchv1.Job](render(t, migrateDir)) {
		if j.Spec.BackoffLimit == nil || *j.Spec.BackoffLimit > 5 {
			t.Errorf("Job %s: set a small backoffLimit", j.Name)
		}
		if j.Spec.ActiveDeadlineSeconds == nil {
			t.Errorf("Job %s: set activeDeadlineSeconds so a stuck migration fails instead of blocking the rollout forever", j.Name)
		}
		if p := j.Spec.Template.Spec.RestartPolicy; p != corev1.RestartPolicyNever && p != corev1.RestartPolicyOnFailure {
			t.Errorf("Job %s: restartPolicy %q", j.Name, p)
		}
		if j.Name != "rebound-migrate" {
			t.Errorf("Job %s: deploy/k8s/README.md waits for job/rebound-migrate", j.Name)
		}
	}
}

func selects(t *testing.T, sel *metav1.LabelSelector, podLabels map[string]string) bool {
	t.Helper()
	if sel == nil {
		return false
	}
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil {
		t.Fatalf("selector %+v: %v", sel, err)
	}
	return !s.Empty() && s.Matches(labels.Set(podLabels))
}

// TestSelectors: Deployments select their own pods; the Service, PDBs and HPA point at what
// exists; every Deployment is covered by a PDB that still lets a node drain.
func TestSelectors(t *testing.T) {
	r := render(t, appDir)
	deployments := map[string]*appsv1.Deployment{}
	for _, d := range objectsOf[appsv1.Deployment](r) {
		deployments[d.Name] = d
		if !selects(t, d.Spec.Selector, d.Spec.Template.Labels) {
			t.Errorf("Deployment %s: selector %v does not match its pod labels %v", d.Name, d.Spec.Selector, d.Spec.Template.Labels)
		}
		for _, other := range objectsOf[appsv1.Deployment](r) {
			if other != d && selects(t, d.Spec.Selector, other.Spec.Template.Labels) {
				t.Errorf("Deployment %s's selector also matches Deployment %s's pods", d.Name, other.Name)
			}
		}
	}
	// matching returns the Deployments whose pods sel selects.
	matching := func(sel *metav1.LabelSelector) []*appsv1.Deployment {
		var out []*appsv1.Deployment
		for _, d := range objectsOf[appsv1.Deployment](r) {
			if selects(t, sel, d.Spec.Template.Labels) {
				out = append(out, d)
			}
		}
		return out
	}

	services := objectsOf[corev1.Service](r)
	if len(services) != 1 {
		t.Fatalf("want one Service (the API's), got %d", len(services))
	}
	svc := services[0]
	sel := &metav1.LabelSelector{MatchLabels: svc.Spec.Selector}
	m := matching(sel)
	if len(m) != 1 || m[0].Spec.Template.Labels["app.kubernetes.io/component"] != "api" {
		t.Fatalf("Service %s: selector %v must match exactly the API Deployment's pods, matches %d Deployments", svc.Name, svc.Spec.Selector, len(m))
	}
	api := m[0]
	for _, p := range svc.Spec.Ports {
		if resolvePort(api.Spec.Template.Spec.Containers[0], p.TargetPort) == 0 {
			t.Errorf("Service %s: targetPort %s is no port of Deployment %s", svc.Name, p.TargetPort.String(), api.Name)
		}
	}

	hpas := objectsOf[autoscalingv2.HorizontalPodAutoscaler](r)
	minReplicas := map[string]int32{}
	for _, d := range deployments {
		if d.Spec.Replicas != nil {
			minReplicas[d.Name] = *d.Spec.Replicas
		}
	}
	for _, h := range hpas {
		ref := h.Spec.ScaleTargetRef
		d := deployments[ref.Name]
		switch {
		case ref.Kind != "Deployment" || ref.APIVersion != "apps/v1" || d == nil:
			t.Errorf("HPA %s: targets %s %s %s, which is not a Deployment here", h.Name, ref.APIVersion, ref.Kind, ref.Name)
			continue
		case d.Spec.Replicas != nil:
			t.Errorf("HPA %s: Deployment %s sets replicas, which every apply would reset under the autoscaler", h.Name, d.Name)
		}
		if h.Spec.MinReplicas == nil || *h.Spec.MinReplicas < 2 || h.Spec.MaxReplicas < *h.Spec.MinReplicas {
			t.Errorf("HPA %s: want 2 ≤ minReplicas ≤ maxReplicas, have %v..%d", h.Name, deref(h.Spec.MinReplicas), h.Spec.MaxReplicas)
			continue
		}
		minReplicas[d.Name] = *h.Spec.MinReplicas
		if len(h.Spec.Metrics) != 1 || h.Spec.Metrics[0].Type != autoscalingv2.ResourceMetricSourceType ||
			h.Spec.Metrics[0].Resource.Name != corev1.ResourceCPU || h.Spec.Metrics[0].Resource.Target.Type != autoscalingv2.UtilizationMetricType ||
			h.Spec.Metrics[0].Resource.Target.AverageUtilization == nil {
			t.Errorf("HPA %s: want one CPU utilization target", h.Name)
		}
		if _, ok := d.Spec.Template.Spec.Containers[0].Resources.Requests[corev1.ResourceCPU]; !ok {
			t.Errorf("HPA %s: Deployment %s has no CPU request to take a utilization of", h.Name, d.Name)
		}
		if d.Spec.Template.Labels["app.kubernetes.io/component"] != "api" {
			t.Errorf("HPA %s: scales %s; only the API scales on CPU (docs/scaling.md)", h.Name, d.Name)
		}
	}
	if len(hpas) != 1 {
		t.Errorf("want one HPA (the API's), got %d", len(hpas))
	}

	covered := map[string]bool{}
	for _, pdb := range objectsOf[policyv1.PodDisruptionBudget](r) {
		m := matching(pdb.Spec.Selector)
		if len(m) != 1 {
			t.Errorf("PDB %s: selector matches %d Deployments, want exactly one", pdb.Name, len(m))
			continue
		}
		d := m[0]
		covered[d.Name] = true
		replicas, ok := minReplicas[d.Name]
		if !ok {
			replicas = 1 // the Deployment default
		}
		switch {
		case pdb.Spec.MinAvailable != nil && pdb.Spec.MaxUnavailable != nil:
			t.Errorf("PDB %s: set minAvailable or maxUnavailable, not both", pdb.Name)
		case pdb.Spec.MinAvailable != nil:
			if pdb.Spec.MinAvailable.Type != intstr.Int || pdb.Spec.MinAvailable.IntVal < 1 || pdb.Spec.MinAvailable.IntVal >= replicas {
				t.Errorf("PDB %s: minAvailable %s must be at least 1 and below %s's %d replicas, or no node could ever drain", pdb.Name, pdb.Spec.MinAvailable.String(), d.Name, replicas)
			}
		case pdb.Spec.MaxUnavailable != nil:
			if pdb.Spec.MaxUnavailable.Type != intstr.Int || pdb.Spec.MaxUnavailable.IntVal < 1 || pdb.Spec.MaxUnavailable.IntVal >= replicas {
				t.Errorf("PDB %s: maxUnavailable %s must be at least 1 and below %s's %d replicas", pdb.Name, pdb.Spec.MaxUnavailable.String(), d.Name, replicas)
			}
		default:
			t.Errorf("PDB %s: sets neither minAvailable nor maxUnavailable", pdb.Name)
		}
	}
	for name := range deployments {
		if !covered[name] {
			t.Errorf("Deployment %s has no PodDisruptionBudget", name)
		}
	}
}

// TestNetworkPolicies evaluates the policies for each workload's pods, as the cluster would:
// both directions are restricted, egress is exactly DNS and PostgreSQL (plus HTTPS to public
// addresses for the workers, who send webhooks), and ingress reaches only the HTTP port, from
// the ingress controller (API) and Prometheus.
func TestNetworkPolicies(t *testing.T) {
	df := parseDockerfile(t)
	base := []string{"TCP/53", "TCP/5432", "UDP/53"}
	wantEgress := map[string][]string{"api": base, "migrate": base, "worker": {"TCP/443", "TCP/53", "TCP/5432", "UDP/53"}}
	wantIngressFrom := map[string][]string{"api": {ingressControllerNamespace, monitoringNamespace}, "worker": {monitoringNamespace}, "migrate": nil}
	for _, dir := range []string{appDir, migrateDir} {
		r := render(t, dir)
		policies := objectsOf[networkingv1.NetworkPolicy](r)
		for _, w := range workloads(r) {
			where := dir + ": " + w.name
			c := w.template.Spec.Containers[0]
			port := listenPort(t, containerEnv(t, where, r, c), df)
			var ingressRestricted, egressRestricted bool
			var egress, from []string
			for _, np := range policies {
				if !selects(t, &np.Spec.PodSelector, w.template.Labels) {
					continue
				}
				for _, pt := range np.Spec.PolicyTypes {
					ingressRestricted = ingressRestricted || pt == networkingv1.PolicyTypeIngress
					egressRestricted = egressRestricted || pt == networkingv1.PolicyTypeEgress
				}
				for _, rule := range np.Spec.Egress {
					if len(rule.Ports) == 0 {
						t.Errorf("%s: NetworkPolicy %s has an egress rule without ports, allowing every port", where, np.Name)
					}
					for _, p := range rule.Ports {
						key := string(*p.Protocol) + "/" + p.Port.String()
						egress = append(egress, key)
						if key == "TCP/443" && !blocksMetadata(rule.To) {
							t.Errorf("%s: NetworkPolicy %s allows HTTPS without excluding private and link-local ranges (169.254.0.0/16 is cloud metadata)", where, np.Name)
						}
					}
				}
				for _, rule := range np.Spec.Ingress {
					if len(rule.Ports) == 0 || len(rule.From) == 0 {
						t.Errorf("%s: NetworkPolicy %s has an ingress rule open to every port or every source", where, np.Name)
					}
					for _, p := range rule.Ports {
						if resolvePort(c, *p.Port) != port {
							t.Errorf("%s: NetworkPolicy %s admits port %s, the pod listens on %d", where, np.Name, p.Port.String(), port)
						}
					}
					for _, peer := range rule.From {
						ns := ""
						if peer.NamespaceSelector != nil {
							ns = peer.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]
						}
						if ns == "" || peer.PodSelector != nil || peer.IPBlock != nil || len(peer.NamespaceSelector.MatchLabels) != 1 {
							t.Errorf("%s: NetworkPolicy %s admits %+v; admit namespaces by kubernetes.io/metadata.name", where, np.Name, peer)
						}
						from = append(from, ns)
					}
				}
			}
			if !ingressRestricted || !egressRestricted {
				t.Errorf("%s: not restricted by a NetworkPolicy in both directions (ingress %v, egress %v)", where, ingressRestricted, egressRestricted)
			}
			sort.Strings(egress)
			sort.Strings(from)
			if !slices.Equal(slices.Compact(egress), wantEgress[w.component]) {
				t.Errorf("%s: egress allowed to %v, want %v", where, egress, wantEgress[w.component])
			}
			if !slices.Equal(slices.Compact(from), wantIngressFrom[w.component]) {
				t.Errorf("%s: ingress admitted from namespaces %v, want %v", where, from, wantIngressFrom[w.component])
			}
		}
	}
}

// blocksMetadata reports whether the peers are address blocks that all exclude the link-local
// range (cloud metadata endpoints) and RFC 1918's 10/8, so webhooks cannot be aimed inside.
func blocksMetadata(peers []networkingv1.NetworkPolicyPeer) bool {
	if len(peers) == 0 {
		return false
	}
	for _, p := range peers {
		if p.IPBlock == nil || p.PodSelector != nil || p.NamespaceSelector != nil {
			return false
		}
		if strings.Contains(p.IPBlock.CIDR, ":") {
			if !slices.Contains(p.IPBlock.Except, "fe80::/10") || !slices.Contains(p.IPBlock.Except, "fc00::/7") {
				return false
			}
			continue
		}
		if !slices.Contains(p.IPBlock.Except, "169.254.0.0/16") || !slices.Contains(p.IPBlock.Except, "10.0.0.0/8") {
			return false
		}
	}
	return true
}

// ingressRoutes reports whether the Ingress sends a request for path to a backend, following the
// Prefix (element-wise) and Exact rules of networking.k8s.io/v1.
func ingressRoutes(t *testing.T, ing *networkingv1.Ingress, path string) bool {
	t.Helper()
	if ing.Spec.DefaultBackend != nil {
		return true
	}
	for _, rule := range ing.Spec.Rules {
		if rule.HTTP == nil {
			continue
		}
		for _, p := range rule.HTTP.Paths {
			switch *p.PathType {
			case networkingv1.PathTypeExact:
				if p.Path == path {
					return true
				}
			case networkingv1.PathTypePrefix:
				want := strings.Split(strings.Trim(p.Path, "/"), "/")
				got := strings.Split(strings.Trim(path, "/"), "/")
				if p.Path == "/" || (len(got) >= len(want) && slices.Equal(got[:len(want)], want)) {
					return true
				}
			default:
				t.Errorf("Ingress %s: path %s has pathType %s; use Prefix or Exact so what is routed is defined", ing.Name, p.Path, *p.PathType)
			}
		}
	}
	return false
}

// TestIngress: the public routes reach the API Service, the unauthenticated internal ones do
// not, and the links Rebound hands out (REBOUND_PUBLIC_URL) point at the Ingress's host.
func TestIngress(t *testing.T) {
	r := render(t, appDir)
	ings := objectsOf[networkingv1.Ingress](r)
	if len(ings) != 1 {
		t.Fatalf("want one Ingress, got %d", len(ings))
	}
	ing := ings[0]
	for _, p := range internalPaths {
		if ingressRoutes(t, ing, p) {
			t.Errorf("Ingress %s routes %s: it must stay inside the cluster", ing.Name, p)
		}
	}
	for _, p := range publicPaths {
		if !ingressRoutes(t, ing, p) {
			t.Errorf("Ingress %s does not route %s", ing.Name, p)
		}
	}
	svc := objectsOf[corev1.Service](r)[0]
	for _, rule := range ing.Spec.Rules {
		for _, p := range rule.HTTP.Paths {
			b := p.Backend.Service
			if b == nil || b.Name != svc.Name || !slices.ContainsFunc(svc.Spec.Ports, func(sp corev1.ServicePort) bool {
				return sp.Name == b.Port.Name && b.Port.Name != "" || sp.Port == b.Port.Number && b.Port.Number != 0
			}) {
				t.Errorf("Ingress %s: path %s goes to %+v, not a port of Service %s", ing.Name, p.Path, b, svc.Name)
			}
		}
	}
	if len(ing.Spec.Rules) != 1 || len(ing.Spec.TLS) != 1 || !slices.Equal(ing.Spec.TLS[0].Hosts, []string{ing.Spec.Rules[0].Host}) {
		t.Fatalf("Ingress %s: want one host, served over TLS", ing.Name)
	}
	host := ing.Spec.Rules[0].Host
	for _, d := range objectsOf[appsv1.Deployment](r) {
		c := d.Spec.Template.Spec.Containers[0]
		env := containerEnv(t, "Deployment "+d.Name, r, c)
		if got := env["REBOUND_PUBLIC_URL"]; got != "https://"+host {
			t.Errorf("Deployment %s: REBOUND_PUBLIC_URL %q, want https://%s (the Ingress's host): feedback links must work", d.Name, got, host)
		}
	}
}
