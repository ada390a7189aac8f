using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Models;

namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// The audit: for every model of modelaudit.json, map each image's evidence with the configured method,
/// measure it against the expected regions and the committed baseline, and collect the verdict. It never
/// writes a baseline (that is <see cref="BaselineAcceptor"/>, run only on request).
/// </summary>
public static class AuditRunner
{
    public static AuditReport Run(AuditConfig config, AuditOptions options)
    {
        var models = new List<ModelResult>();
        var findings = new List<Finding>();
        var cache = ExtrasCache.InReport(options.ReportDirectory);
        foreach (var entry in config.Models)
        {
            var (baseline, corrupt) = ReadBaseline(config, entry);
            var result = ModelResultBuilder.Build(config, entry, options, baseline, cache);
            (result, var explained) = Explanations.ExplanationChecks.Apply(config, entry, options, result, baseline);
            models.Add(result);
            findings.AddRange(explained);
            findings.AddRange(FindingsBuilder.For(config, entry, result, baseline, options.FailOn, corrupt));
        }

        return new AuditReport
        {
            ToolVersion = ToolVersion.Current,
            ConfigPath = config.Path,
            FailOn = FailLevels.Name(options.FailOn),
            Models = models,
            Findings = findings,
            CachedExtras = cache.Used,
        };
    }

    /// <summary>A corrupt baseline is reported as such (MA1206) and not compared with: no false regressions.</summary>
    private static (BaselineModel? Baseline, CorruptBaselineException? Corrupt) ReadBaseline(AuditConfig config, ModelEntry entry)
    {
        try
        {
            return (BaselineStore.Read(config.BaselineDirectory, entry.Name), null);
        }
        catch (CorruptBaselineException e)
        {
            return (null, e);
        }
    }
}
