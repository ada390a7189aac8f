namespace ModelAudit.Core.Analysis.Filters;

/// <summary>How a gradient ascent in input space runs (Chollet, ch. 5.4).</summary>
/// <param name="Size">Side of the square input used when the model's image size is dynamic; a fixed-size model keeps its own size.</param>
/// <param name="Steps">Gradient steps per filter.</param>
/// <param name="Step">Step length in 0..255 pixel levels along the normalized gradient.</param>
/// <param name="Seed">Seeds the starting noise and the robustness transforms; equal seeds give equal bytes.</param>
/// <param name="Robust">Jitter, scale and rotate the image a little before every step.</param>
/// <param name="BatchSize">Filters optimized together in one run (a model with a fixed batch size uses that).</param>
public sealed record FilterAscentOptions(int Size, int Steps = 40, float Step = 1f, int Seed = 0, bool Robust = false, int BatchSize = 16)
{
    internal void Validate()
    {
        if (Size is < 1 or > 4096)
        {
            throw new ModelAuditException($"the ascent image size must be 1..4096 pixels, not {Size}");
        }

        if (Steps is < 0 or > 100_000)
        {
            throw new ModelAuditException($"the number of ascent steps must be 0..100000, not {Steps}");
        }

        if (!float.IsFinite(Step))
        {
            throw new ModelAuditException($"the ascent step must be a finite number, not {Step}");
        }

        if (BatchSize < 1)
        {
            throw new ModelAuditException($"the ascent batch size must be at least 1, not {BatchSize}");
        }
    }
}
