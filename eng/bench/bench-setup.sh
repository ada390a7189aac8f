# Shared set-up of the whole-process timing scripts (sourced by process-ratios.sh and audit-ratios.sh, not run):
# parses [--runs N] [--work DIR], checks for hyperfine, publishes the tool (Release) and writes the benchmark
# fixtures (models, images, the audit case) into the work folder. Sets runs, work and tool for the caller.
#   root=...; source "$root/eng/bench/bench-setup.sh"; bench_setup NAME "$@"
bench_setup() {
  local name="$1"
  shift
  runs=5
  work=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --runs) runs="$2"; shift 2 ;;
      --work) work="$2"; shift 2 ;;
      *) echo "usage: $name.sh [--runs N] [--work DIR]" >&2; exit 2 ;;
    esac
  done
  command -v hyperfine >/dev/null || { echo "$name: hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }
  work="${work:-$(mktemp -d "/tmp/modelaudit-$name.XXXXXX")}"
  mkdir -p "$work"
  echo "$name: working in $work"

  dotnet publish "$root/src/ModelAudit.Tool" -c Release -o "$work/tool" -v quiet -nologo >/dev/null
  dotnet run --project "$root/tests/ModelAudit.Benchmarks" -c Release -v quiet -- --fixtures "$work/fixtures"
  tool="$work/tool/modelaudit"
}
