namespace ModelAudit.Core.Analysis.Scoring;

public static class ScoreKinds
{
    public static ScoreKind Parse(string text) => text.ToLowerInvariant() switch
    {
        "logit" => ScoreKind.Logit,
        "probability" => ScoreKind.Probability,
        "output" => ScoreKind.Output,
        _ => throw new ModelAuditException($"score '{text}' is not one of logit, probability, output"),
    };

    public static string Name(ScoreKind kind) => kind.ToString().ToLowerInvariant();
}
