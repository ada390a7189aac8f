using System.CommandLine;
using ModelAudit.Core;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.IO;
using ModelAudit.Tool.Options;

namespace ModelAudit.Tool.Commands;

/// <summary>`modelaudit baseline accept [CONFIG]`: record what the models do now as the baseline to compare with.</summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var shared = new SharedOptions();
        var config = AuditCommand.ConfigArgument();
        var ci = new Option<bool>("--ci") { Description = "Plain output for logs: no progress bar" };
        var accept = new Command("accept", "Write the baseline (maps, metrics, model hashes) from the current models; commit it") { config, ci };
        shared.AddTo(accept, preprocessing: false);
        accept.SetAction(parse =>
        {
            var loaded = AuditConfigLoader.Load(AuditCommand.ConfigPath(parse.GetValue(config)));
            var options = new AuditOptions { ReportDirectory = loaded.Directory, Settings = shared.Session(parse), Warning = SharedOptions.PrintWarning };
            var plain = parse.GetValue(ci) || Console.IsOutputRedirected;
            var models = ProgressDisplay.Run(plain, p => BaselineAcceptor.Accept(loaded, options with { Progress = p }));
            foreach (var model in models)
            {
                Console.Out.WriteLine($"modelaudit: baseline for {PrintableText.Escape(model.ModelName)}: {model.Images.Count} image(s), {model.Method} at {PrintableText.Escape(model.Layer)}, model sha256 {model.ModelSha256[..12]}");
            }

            Console.Out.WriteLine($"modelaudit: written under {PrintableText.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), loaded.BaselineDirectory))}; review and commit it");
            return (int)ExitCode.Success;
        });
        return new Command("baseline", "Manage the committed baseline") { accept };
    }
}
