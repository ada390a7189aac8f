using System.CommandLine;
using ModelAudit.Core;
using ModelAudit.Core.Audit.Calibration;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Tool.Options;

namespace ModelAudit.Tool.Commands;

/// <summary>
/// `modelaudit calibrate [CONFIG]`: measures the current models on the configured images and prints, per model,
/// each metric's min, median and max and the thresholds they pass with a margin, as JSON to paste into the config,
/// and whether the maps pass the sanity check (on by default here, unlike in the audit).
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var shared = new SharedOptions();
        var config = AuditCommand.ConfigArgument();
        var margin = MarginOption();
        var ci = new Option<bool>("--ci") { Description = "Plain output for logs: no progress bar" };
        var noSanity = NoSanityCheckOption();
        var command = new Command("calibrate", "Measure the current models on the configured images and suggest thresholds they pass with a margin")
        {
            config, margin, ci, noSanity,
        };
        shared.AddTo(command, preprocessing: false);
        command.SetAction(parse =>
        {
            var loaded = AuditConfigLoader.Load(AuditCommand.ConfigPath(parse.GetValue(config)));
            var options = new AuditOptions { ReportDirectory = loaded.Directory, Settings = shared.Session(parse) };
            var plain = parse.GetValue(ci) || Console.IsOutputRedirected;
            Print(loaded, options, parse.GetValue(margin), plain, !parse.GetValue(noSanity));
            return (int)ExitCode.Success;
        });
        return command;
    }

    internal static Option<double> MarginOption() => new("--margin")
    {
        Description = "Share the suggested bars stay below the weakest image's value (0.2 = 20%)",
        DefaultValueFactory = _ => Calibrator.DefaultMargin,
    };

    internal static Option<bool> NoSanityCheckOption() => new("--no-sanity-check")
    {
        Description = "Skip the sanity check (weights randomized from the head down) that calibration runs for every model by default",
    };

    internal static void Print(AuditConfig config, AuditOptions options, double margin, bool plain, bool sanityCheck)
    {
        var models = ProgressDisplay.Run(plain, p => Calibrator.Run(config, options with { Progress = p }, margin, sanityCheck));
        Console.Out.Write(CalibrationText.Render(models));
    }
}
