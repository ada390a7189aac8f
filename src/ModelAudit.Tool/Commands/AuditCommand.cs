using System.CommandLine;
using ModelAudit.Core;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.Audit.Shards;
using ModelAudit.Core.IO;
using ModelAudit.Core.Reporting;
using ModelAudit.Tool.Options;
using Spectre.Console;

namespace ModelAudit.Tool.Commands;

/// <summary>
/// `modelaudit audit [CONFIG]`: the CI gate. Writes the reports, prints one canonical diagnostic per
/// finding, exits 0 (passed), 1 (gate failed), 2 (bad input) or 3 (internal error).
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var shared = new SharedOptions();
        var config = ConfigArgument();
        var report = new Option<string?>("--report") { Description = "Report folder (default: modelaudit-report/ beside the config)" };
        var failOn = new Option<string>("--fail-on") { Description = "What fails the gate: threshold, regression, any, never", DefaultValueFactory = _ => "any" };
        failOn.AcceptOnlyFromAmong("threshold", "regression", "any", "never");
        var ci = new Option<bool>("--ci") { Description = "Plain output for logs: no progress bar, no colors" };
        var templates = new Option<string?>("--templates") { Description = "Folder of Scriban templates (*.sbn, report.css) overriding the built-in report design by file name" };
        var shard = ShardOption("Audit only shard K of N (1-based; images by a stable hash of model name and image path) and write a partial report for `modelaudit report merge`");
        var command = new Command("audit", "Check that every model looks where it should, compare with the baseline, write the report")
        {
            config, report, failOn, ci, templates, shard,
        };
        shared.AddTo(command, preprocessing: false);
        command.SetAction(parse =>
        {
            var plain = parse.GetValue(ci) || Console.IsOutputRedirected;
            var full = AuditConfigLoader.Load(ConfigPath(parse.GetValue(config)));
            var part = parse.GetValue(shard) is { } text ? ShardSpec.Parse(text) : (ShardSpec?)null;
            var loaded = part is { } s ? Sharding.Select(full, s) : full;
            IReportWriter[] extras = part is { } p ? [new InputsFile(loaded), Sharding.PartialReport(full, p)] : [new InputsFile(loaded)];
            var reportDir = ReportFolder(parse.GetValue(report), loaded.Directory);
            var options = new AuditOptions
            {
                ReportDirectory = reportDir,
                FailOn = FailLevels.Parse(parse.GetValue(failOn)!),
                Settings = shared.Session(parse),
                // The flag wins over the config's "report.templates", so one run can try a design without editing the config.
                TemplatesDirectory = parse.GetValue(templates) ?? loaded.Report.Templates,
                Warning = SharedOptions.PrintWarning,
            };
            ReportSet.CheckFolder(reportDir, extras);
            var result = ProgressDisplay.Run(plain, p => AuditRunner.Run(loaded, options with { Progress = p }));
            var files = ReportSet.WriteAll(result, reportDir, options.TemplatesDirectory, extras);
            // What "auto" chose is not a finding, but a reader of the log needs it to read the findings.
            foreach (var model in result.Models.Where(m => m.LayerChoice is not null))
            {
                Console.Out.WriteLine(PrintableText.Escape($"modelaudit: layer auto of {model.Name}: {model.LayerChoice}"));
            }

            foreach (var line in DiagnosticFormatter.Lines(result))
            {
                Console.Out.WriteLine(line);
            }

            PrintVerdict(result, files, plain, part is { } q ? $"shard {q}: " : "");
            return (int)(result.Passed ? ExitCode.Success : ExitCode.GateFailed);
        });
        return command;
    }

    private static string ReportFolder(string? given, string configDirectory)
    {
        if (given is null)
        {
            return Path.Combine(configDirectory, "modelaudit-report");
        }

        if (given.Trim().Length == 0 || given.Contains('\0', StringComparison.Ordinal))
        {
            throw new ModelAuditException($"--report \"{given.Replace("\0", "\\0", StringComparison.Ordinal)}\" is not a folder name; give the folder for the report, e.g. --report modelaudit-report");
        }

        return Path.GetFullPath(given);
    }

    internal static Argument<string?> ConfigArgument() => new("config")
    {
        Description = "modelaudit.json, or a folder holding one (default: the current folder)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    internal static string ConfigPath(string? given)
    {
        var path = given ?? Directory.GetCurrentDirectory();
        return Directory.Exists(path) ? Path.Combine(path, "modelaudit.json") : path;
    }

    internal static Option<string?> ShardOption(string description) => new("--shard") { Description = description };

    internal static void PrintVerdict(AuditReport result, IReadOnlyList<string> files, bool plain, string prefix = "")
    {
        var counts = ReportCounts.Of(result);
        var summary = $"modelaudit: {prefix}{counts.Sentence()} ({ReportCounts.Count(counts.Models, "model")}, {ReportCounts.Count(counts.Images, "image")}, " +
            $"{ReportCounts.Count(counts.Checks, "check")}, {ReportCounts.Count(counts.Errors, "error")}, {ReportCounts.Count(counts.Warnings, "warning")})";
        var reportPath = PrintableText.Escape(files.FirstOrDefault(f => f.EndsWith(".html", StringComparison.Ordinal)) ?? files.FirstOrDefault() ?? "");
        if (plain)
        {
            Console.Out.WriteLine(summary);
            Console.Out.WriteLine($"modelaudit: report: {reportPath}");
            return;
        }

        var style = counts.GateOff ? "yellow bold" : counts.Passed ? "green bold" : "red bold";
        AnsiConsole.MarkupLine($"[{style}]{Markup.Escape(summary)}[/]");
        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(reportPath)}[/]");
    }
}
