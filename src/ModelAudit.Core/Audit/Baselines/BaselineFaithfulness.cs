namespace ModelAudit.Core.Audit.Baselines;

/// <summary>
/// How a baseline's faithfulness areas were measured. Areas drawn with another removal or step count are other
/// numbers (ROAD keeps more of the score than a blur), so the audit compares only like with like.
/// </summary>
/// <param name="Removal">"road", "blur" or "mean", as written in modelaudit.json.</param>
public sealed record BaselineFaithfulness(int Steps, string Removal);
