namespace ModelAudit.Core.Analysis.Cams;

/// <summary>What one image's map explains: the class (or output channel), its score and probabilities.</summary>
internal sealed record CamTarget(int Class, string? Label, float Score, float Probability, int PredictedClass, float PredictedProbability);
