namespace ModelAudit.Core.Audit.Running;

/// <summary>Which failing checks fail the gate (exit code 1); the others are reported as warnings.</summary>
public enum FailLevel
{
    /// <summary>Localization checks against their thresholds (and an unexpected prediction).</summary>
    Threshold,

    /// <summary>Checks against the committed baseline.</summary>
    Regression,

    /// <summary>Both kinds (the default).</summary>
    Any,

    /// <summary>Report only; never fail.</summary>
    Never,
}

public static class FailLevels
{
    public static FailLevel Parse(string text) => text.ToLowerInvariant() switch
    {
        "threshold" => FailLevel.Threshold,
        "regression" => FailLevel.Regression,
        "any" => FailLevel.Any,
        "never" => FailLevel.Never,
        _ => throw new ModelAuditException($"--fail-on '{text}' is not one of threshold, regression, any, never"),
    };

    public static string Name(FailLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>Whether a failing check of this kind fails the gate at this level.</summary>
    public static bool Fails(FailLevel level, bool isRegression) => level switch
    {
        FailLevel.Any => true,
        FailLevel.Threshold => !isRegression,
        FailLevel.Regression => isRegression,
        _ => false,
    };

    /// <summary>A failing check that the fail level does not gate is shown as a warning.</summary>
    internal static Results.CheckResult Gate(Results.CheckResult check, FailLevel failOn) =>
        check.Status == Results.CheckStatus.Fail && !Fails(failOn, check.IsRegression) ? check with { Status = Results.CheckStatus.Warn } : check;
}
