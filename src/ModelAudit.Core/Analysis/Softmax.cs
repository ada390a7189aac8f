namespace ModelAudit.Core.Analysis;

/// <summary>Softmax over a row, and the test for "this row already is a probability distribution".</summary>
public static class Softmax
{
    public static float[] Of(ReadOnlySpan<float> logits)
    {
        var result = new float[logits.Length];
        if (logits.Length == 0)
        {
            return result;
        }

        var max = float.NegativeInfinity;
        foreach (var v in logits)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            sum += result[i] = MathF.Exp(logits[i] - max);
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(result[i] / sum);
        }

        return result;
    }

    public static bool IsDistribution(ReadOnlySpan<float> row)
    {
        double sum = 0;
        foreach (var v in row)
        {
            if (v is < 0f or > 1f || float.IsNaN(v))
            {
                return false;
            }

            sum += v;
        }

        return row.Length > 0 && Math.Abs(sum - 1) < 1e-3;
    }
}
