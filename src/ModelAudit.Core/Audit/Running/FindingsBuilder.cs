using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Running;

/// <summary>The canonical diagnostics of one model: every check that did not pass, plus baseline notes.</summary>
internal static class FindingsBuilder
{
    // A PackageReference user has no tool on PATH: name the build target as well.
    private const string AcceptBaseline = "`modelaudit baseline accept` (in a build: `dotnet build -t:ModelAuditAcceptBaseline`)";

    public static IEnumerable<Finding> For(AuditConfig config, ModelEntry entry, ModelResult result, BaselineModel? baseline, FailLevel failOn,
        CorruptBaselineException? corrupt = null)
    {
        var file = DisplayPath(config.Path);
        if (corrupt is not null)
        {
            // The baseline could not be compared with: as serious as a regression, and gated like one.
            var severity = FailLevels.Fails(failOn, isRegression: true) ? Severity.Error : Severity.Warning;
            yield return new Finding(severity, DiagnosticCodes.BaselineCorrupt, file, entry.Location.Line, entry.Location.Column,
                $"{entry.Name}: {corrupt.Message}; the model was not compared with its baseline");
        }
        else if (baseline is null)
        {
            yield return new Finding(Severity.Warning, DiagnosticCodes.NoBaseline, file, entry.Location.Line, entry.Location.Column,
                $"{entry.Name}: no baseline under {DisplayPath(config.BaselineDirectory)}; run {AcceptBaseline} to record one");
        }
        else if (result.ModelChanged)
        {
            yield return new Finding(Severity.Warning, DiagnosticCodes.ModelChangedSinceBaseline, file, entry.Location.Line, entry.Location.Column,
                $"{entry.Name}: the model changed since the baseline (sha256 {Short(baseline.ModelSha256)} -> {Short(result.Sha256)}); compared with the old baseline");
        }

        if (result.LayerWarning is { } cells)
        {
            var at = entry.LocationOf("layer");
            yield return new Finding(Severity.Warning, DiagnosticCodes.LayerCellTooLarge, file, at.Line, at.Column, cells);
        }

        foreach (var image in result.Images)
        {
            if (baseline is not null && image.Baseline is null)
            {
                yield return new Finding(Severity.Warning, DiagnosticCodes.NoBaseline, file, image.Location.Line, image.Location.Column,
                    $"{entry.Name}/{image.Path}: not in the baseline; run {AcceptBaseline} to add it");
            }

            foreach (var check in image.Checks.Where(c => c.Status is CheckStatus.Fail or CheckStatus.Warn))
            {
                var severity = check.Status == CheckStatus.Fail ? Severity.Error : Severity.Warning;
                yield return new Finding(severity, check.Code, file, image.Location.Line, image.Location.Column, check.Message);
            }
        }
    }

    /// <summary>Paths relative to the working folder when inside it, so diagnostics stay short and clickable.</summary>
    internal static string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
