namespace ModelAudit.Core.Analysis;

/// <summary>One class of a prediction: probability after softmax (or as the model gave it) and the raw score.</summary>
public sealed record ClassScore(int Class, string? Label, float Probability, float Score);

public sealed record Prediction(string Image, IReadOnlyList<ClassScore> Top);
