using ModelAudit.Core.Analysis.Gradients;
using ModelAudit.Core.Models;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Filters;

/// <summary>
/// Runs the ascent for one batch: each row starts from its own seeded grey noise and climbs its own unit's
/// objective, so one forward and one backward pass per step serve every row. A row's random numbers depend
/// only on the seed and its unit, so a filter's picture does not depend on which batch it ran in. The climbed
/// value (whose gradient moves the image) may be a ReLU's input while the objective is measured on the ReLU.
/// </summary>
internal sealed class GradientAscent
{
    private readonly ModelRunner runner;
    private readonly GradientEngine engine;
    private readonly InputSpace space;
    private readonly FilterAscentOptions options;
    private readonly string climbed;
    private readonly string measured;
    private readonly AscentTarget target;
    private readonly long[] inputShape;

    public GradientAscent(ModelRunner runner, GradientEngine engine, InputSpace space, FilterAscentOptions options,
        string climbed, string measured, AscentTarget target, long[] inputShape)
    {
        this.runner = runner;
        this.engine = engine;
        this.space = space;
        this.options = options;
        this.climbed = climbed;
        this.measured = measured;
        this.target = target;
        this.inputShape = inputShape;
    }

    private int BatchRows => (int)inputShape[0];

    /// <summary>Optimizes up to one batch of units; rows past <paramref name="units"/> stay grey with a zero seed.</summary>
    public IReadOnlyList<FilterPattern> Run(IReadOnlyList<int> units, Action<int> stepped)
    {
        var x = new float[BatchRows * space.Count];
        var randoms = new Random[units.Count];
        for (var r = 0; r < BatchRows; r++)
        {
            if (r < units.Count)
            {
                randoms[r] = new Random(unchecked((options.Seed * 65_537) + units[r]));
                space.FillGreyNoise(Row(x, r), randoms[r]);
            }
            else
            {
                space.FillGrey(Row(x, r));
            }
        }

        // Without the robust transforms, step 0 runs on the starting image itself and its result gives the first
        // objectives; with them, the first objectives need a run of their own on the untransformed image.
        var first = options.Robust || options.Steps == 0 ? Measure(x, units) : null;
        var plane = new float[space.Plane];
        var moved = new float[space.Plane];
        var input = runner.Input.Name;
        for (var step = 0; step < options.Steps; step++)
        {
            if (options.Robust)
            {
                for (var r = 0; r < units.Count; r++)
                {
                    Transform(Row(x, r), RobustTransform.Draw(randoms[r]), plane, moved);
                }
            }

            var result = Climbing(x, units);
            first ??= Objectives(result, units);
            var gradient = result.Gradients[input].Data;
            for (var r = 0; r < units.Count; r++)
            {
                Climb(Row(x, r), gradient.AsSpan(r * space.Count, space.Count));
            }

            stepped(units.Count);
        }

        var last = Measure(x, units);
        var patterns = new FilterPattern[units.Count];
        for (var r = 0; r < units.Count; r++)
        {
            patterns[r] = new FilterPattern(units[r], first![r], last[r], space.Deprocess(Row(x, r)))
            {
                Tensor = space.ToChw(Row(x, r)),
                TensorShape = [space.Channels, space.Height, space.Width],
            };
        }

        return patterns;
    }

    private Span<float> Row(float[] batch, int row) => batch.AsSpan(row * space.Count, space.Count);

    private float[] Seed(long[] shape, IReadOnlyList<int> units)
    {
        var seed = new float[shape.Aggregate(1L, (a, b) => a * b)];
        var perRow = seed.Length / (int)shape[0];
        for (var r = 0; r < units.Count; r++)
        {
            target.WriteSeed(shape, units[r], seed.AsSpan(r * perRow, perRow));
        }

        return seed;
    }

    /// <summary>
    /// One forward and backward run: d objective / d input, and the measured layer's values. The measured value is
    /// requested from the gradient session too (its own gradient is an unused zero output), so measuring needs no
    /// second session over the model: opening one cost more than the whole ascent of a small model.
    /// </summary>
    private GradientResult Climbing(float[] x, IReadOnlyList<int> units)
    {
        var input = runner.Input.Name;
        IReadOnlyList<string> requested = measured == climbed ? [input] : [input, measured];
        return engine.Run(new FloatTensor(x, inputShape), climbed, requested, GradientSeed.Weights(shape => Seed(shape, units)));
    }

    private float[] Measure(float[] x, IReadOnlyList<int> units) => Objectives(Climbing(x, units), units);

    private float[] Objectives(GradientResult result, IReadOnlyList<int> units)
    {
        var values = result.Values[measured];
        var seed = Seed(values.Shape, units);
        var perRow = seed.Length / BatchRows;
        var objectives = new float[units.Count];
        for (var r = 0; r < units.Count; r++)
        {
            objectives[r] = AscentTarget.Objective(seed.AsSpan(r * perRow, perRow), values.Data.AsSpan(r * perRow, perRow));
        }

        return objectives;
    }

    /// <summary>x += step * g / (rms(g) + 1e-5), with the step measured in pixel levels of each channel.</summary>
    private void Climb(Span<float> x, ReadOnlySpan<float> g)
    {
        var squares = 0.0;
        foreach (var v in g)
        {
            squares += v * (double)v;
        }

        var factor = options.Step / (Math.Sqrt(squares / Math.Max(1, g.Length)) + 1e-5);
        for (var c = 0; c < space.Channels; c++)
        {
            var perChannel = factor * space.PixelLevel(c);
            for (var p = 0; p < space.Plane; p++)
            {
                var i = space.Index(c, p);
                x[i] += (float)(perChannel * g[i]);
            }
        }
    }

    private void Transform(Span<float> image, RobustTransform transform, float[] plane, float[] moved)
    {
        for (var c = 0; c < space.Channels; c++)
        {
            space.CopyPlane(image, c, plane);
            transform.Apply(plane, moved, space.Width, space.Height);
            space.WritePlane(moved, c, image);
        }
    }
}
