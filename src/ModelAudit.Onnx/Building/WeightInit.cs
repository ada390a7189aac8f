namespace ModelAudit.Onnx.Building;

/// <summary>Seeded weight initializers, so built models are the same on every run and machine.</summary>
internal sealed class WeightInit(int seed)
{
    // Random(int) uses the legacy, documented-stable algorithm for a given seed.
    private readonly Random random = new(seed);

    /// <summary>He (Kaiming) uniform: U(-sqrt(6/fanIn), sqrt(6/fanIn)), which keeps ReLU activations in range.</summary>
    public float[] HeUniform(long count, long fanIn) => Uniform(count, Math.Sqrt(6.0 / Math.Max(1, fanIn)));

    /// <summary>Bias in U(-1/sqrt(fanIn), 1/sqrt(fanIn)), the usual default of convolution and linear layers.</summary>
    public float[] Bias(long count, long fanIn) => Uniform(count, 1.0 / Math.Sqrt(Math.Max(1, fanIn)));

    public float[] Between(long count, double low, double high)
    {
        var data = new float[count];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(low + (random.NextDouble() * (high - low)));
        }

        return data;
    }

    private float[] Uniform(long count, double limit) => Between(count, -limit, limit);
}
