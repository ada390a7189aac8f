using System.CommandLine;
using ModelAudit.Core;
using ModelAudit.Core.Audit.Calibration;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.Audit.Shards;
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
        var shard = AuditCommand.ShardOption("Accept only shard K of N (the images `audit --shard K/N` audits) into --out, for `baseline merge`");
        var output = new Option<string?>("--out") { Description = "With --shard: a folder of the shard's own for its partial baseline" };
        var calibrate = new Option<bool>("--calibrate") { Description = "Also print the metrics' distribution and suggested thresholds (as `calibrate`)" };
        var margin = CalibrateCommand.MarginOption();
        var noSanity = CalibrateCommand.NoSanityCheckOption();
        var accept = new Command("accept", "Write the baseline (maps, metrics, model hashes) from the current models; commit it")
        {
            config, ci, shard, output, calibrate, margin, noSanity,
        };
        shared.AddTo(accept, preprocessing: false);
        accept.SetAction(parse =>
        {
            RefuseIgnoredFlags(parse.GetValue(shard) is not null, parse.GetValue(output) is not null, parse.GetValue(calibrate));
            if (parse.GetValue(calibrate))
            {
                Calibrator.CheckMargin(parse.GetValue(margin));
            }

            var full = AuditConfigLoader.Load(AuditCommand.ConfigPath(parse.GetValue(config)));
            var part = parse.GetValue(shard) is { } text ? ShardSpec.Parse(text) : (ShardSpec?)null;
            var loaded = part is { } p ? Sharding.SelectForBaseline(full, p, ShardOutput(parse.GetValue(output))) : full;
            var options = new AuditOptions { ReportDirectory = loaded.Directory, Settings = shared.Session(parse), Warning = SharedOptions.PrintWarning };
            var plain = parse.GetValue(ci) || Console.IsOutputRedirected;
            var models = ProgressDisplay.Run(plain, p => BaselineAcceptor.Accept(loaded, options with { Progress = p }));
            foreach (var model in models)
            {
                Console.Out.WriteLine($"modelaudit: baseline for {PrintableText.Escape(model.ModelName)}: {model.Images.Count} image(s), {model.Method} at {PrintableText.Escape(model.Layer)}, model sha256 {model.ModelSha256[..12]}");
            }

            if (part is { } q)
            {
                Sharding.MarkBaseline(full, loaded, q, loaded.BaselineDirectory);
                Console.Out.WriteLine($"modelaudit: shard {q} written under {PrintableText.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), loaded.BaselineDirectory))}; combine the shards with `modelaudit baseline merge`");
                return (int)ExitCode.Success;
            }

            Console.Out.WriteLine($"modelaudit: written under {PrintableText.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), loaded.BaselineDirectory))}; review and commit it");
            if (parse.GetValue(calibrate))
            {
                CalibrateCommand.Print(loaded, options, parse.GetValue(margin), plain, !parse.GetValue(noSanity));
            }

            return (int)ExitCode.Success;
        });
        return new Command("baseline", "Manage the committed baseline") { accept, Merge() };
    }

    /// <summary>Flags that would do nothing in this combination are refused rather than silently ignored.</summary>
    private static void RefuseIgnoredFlags(bool sharded, bool outGiven, bool calibrate)
    {
        if (outGiven && !sharded)
        {
            throw new ModelAuditException("baseline accept --out is for a shard's partial baseline (with --shard K/N); without --shard the baseline goes to the config's \"baseline\" folder");
        }

        if (calibrate && sharded)
        {
            throw new ModelAuditException("baseline accept --calibrate measures every image of a model: run `modelaudit calibrate` (unsharded) instead of calibrating a shard");
        }
    }

    /// <summary>The partial baseline of a shard never goes into the committed folder: merged, it replaces it whole.</summary>
    private static string ShardOutput(string? given) =>
        string.IsNullOrWhiteSpace(given) || given.Contains('\0', StringComparison.Ordinal)
            ? throw new ModelAuditException("baseline accept --shard needs --out DIR, a folder of the shard's own; `modelaudit baseline merge` then combines the shards into the baseline")
            : given;

    private static Command Merge()
    {
        var folders = new Argument<string[]>("folders") { Description = "The partial baselines of shards 1..N (`baseline accept --shard K/N --out DIR`)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The baseline folder to write (the config's \"baseline\", default .modelaudit/baseline)", Required = true };
        var merge = new Command("merge", "Combine the partial baselines of a sharded accept into the baseline (one transaction)") { folders, output };
        merge.SetAction(parse =>
        {
            var target = parse.GetValue(output)!;
            var models = BaselineMerger.Merge(parse.GetValue(folders)!, target);
            foreach (var model in models)
            {
                Console.Out.WriteLine($"modelaudit: baseline for {PrintableText.Escape(model.ModelName)}: {model.Images.Count} image(s), {model.Method} at {PrintableText.Escape(model.Layer)}, model sha256 {model.ModelSha256[..12]}");
            }

            Console.Out.WriteLine($"modelaudit: written under {PrintableText.Escape(target)}; review and commit it");
            return (int)ExitCode.Success;
        });
        return merge;
    }
}
