using System.Globalization;
using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;

namespace ModelAudit.Core.Audit.Explanations;

/// <summary>
/// `faithfulness.maxFaithfulnessDrop`: each image's deletion/insertion AUC now against the baseline's (MA1304, a
/// regression check), and once per model a note (MA1305) when the baseline has no areas measured like the audit's.
/// </summary>
internal static class FaithfulnessBaselineCheck
{
    /// <summary>The baseline's areas are comparable with the audit's only when measured with the same removal and steps.</summary>
    public static bool Comparable(BaselineModel? baseline, FaithfulnessSettings settings) =>
        baseline?.Faithfulness is { } recorded && recorded == settings.Recorded;

    /// <summary>Why a baseline's areas are not compared with (null when they are, or when there is no baseline).</summary>
    public static Finding? Note(AuditConfig config, ModelEntry entry, BaselineModel? baseline, FaithfulnessSettings settings)
    {
        if (baseline is null || Comparable(baseline, settings))
        {
            return null;
        }

        var now = settings.Recorded;
        var why = baseline.Faithfulness is { } recorded
            ? $"the baseline measured faithfulness with {Describe(recorded)}, the audit with {Describe(now)}, and areas of other settings are other numbers"
            : baseline.FormatVersion < BaselineStore.FormatVersion
                ? $"the baseline holds no faithfulness areas (baseline.json version {baseline.FormatVersion}, from an older modelaudit)"
                : "the baseline holds no faithfulness areas (accepted with faithfulness off)";
        var at = entry.LocationOf("faithfulness");
        return new Finding(Severity.Info, DiagnosticCodes.NoFaithfulnessBaseline, FindingsBuilder.DisplayPath(config.Path), at.Line, at.Column,
            $"{entry.Name}: {why}; faithfulness was not compared with the baseline; rerun `modelaudit baseline accept` to record it");
    }

    public static CheckResult Check(FaithfulnessAreas baseline, FaithfulnessAreas now, double? bar, string label)
    {
        var drop = FaithfulnessAreas.Drop(baseline, now);
        var fails = bar is double max && drop > max;
        var numbers = $"{label}: deletion AUC {F(now.DeletionAuc)} vs baseline {F(baseline.DeletionAuc)}, insertion AUC {F(now.InsertionAuc)} vs baseline {F(baseline.InsertionAuc)}";
        return new CheckResult
        {
            Id = "faithfulness-drop",
            Title = "Faithfulness drop vs baseline",
            Value = drop,
            Threshold = bar,
            Comparison = bar is null ? null : "<=",
            Status = bar is null ? CheckStatus.Info : fails ? CheckStatus.Fail : CheckStatus.Pass,
            Code = DiagnosticCodes.FaithfulnessDrop,
            Message = bar is double m
                ? $"{numbers}: drop {F(drop)} {(fails ? ">" : "<=")} {F(m)}" + (fails ? ": the map explains the model less well than at baseline" : "")
                : $"{numbers}: drop {F(drop)}",
            IsRegression = true,
        };
    }

    private static string Describe(BaselineFaithfulness f) => $"{f.Removal} removal in {f.Steps.ToString(CultureInfo.InvariantCulture)} steps";

    private static string F(double value) => ExplanationChecks.F(value);
}
