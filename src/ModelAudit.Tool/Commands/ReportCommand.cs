using System.CommandLine;
using ModelAudit.Core;
using ModelAudit.Core.Audit.Shards;
using ModelAudit.Core.Reporting;

namespace ModelAudit.Tool.Commands;

/// <summary>
/// `modelaudit report merge DIR... --out DIR`: the report of a whole audit from its shards' partial reports, and the
/// gate's verdict on it (exit 0 passed, 1 failed, 2 bad input), so the merge job of a CI matrix is the gate.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("folders") { Description = "The report folders of shards 1..N (`audit --shard K/N --report DIR`)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Folder for the merged report (report.html, results.json, junit.xml, summary.md)", Required = true };
        var ci = new Option<bool>("--ci") { Description = "Plain output for logs: no colors" };
        var templates = new Option<string?>("--templates") { Description = "Folder of Scriban templates overriding the built-in report design by file name" };
        var merge = new Command("merge", "Combine the partial reports of a sharded audit into the report of the whole audit") { folders, output, ci, templates };
        merge.SetAction(parse =>
        {
            var plain = parse.GetValue(ci) || Console.IsOutputRedirected;
            var outDir = parse.GetValue(output)!;
            ReportSet.CheckFolder(outDir);
            var result = ReportMerger.Merge(parse.GetValue(folders)!);
            var files = ReportSet.WriteAll(result, outDir, parse.GetValue(templates));
            foreach (var line in DiagnosticFormatter.Lines(result))
            {
                Console.Out.WriteLine(line);
            }

            AuditCommand.PrintVerdict(result, files, plain);
            return (int)(result.Passed ? ExitCode.Success : ExitCode.GateFailed);
        });
        return new Command("report", "Work with report folders") { merge };
    }
}
