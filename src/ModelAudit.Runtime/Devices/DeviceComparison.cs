using System.Globalization;

namespace ModelAudit.Runtime.Devices;

/// <summary>
/// Whether an accelerator's outputs agree with the CPU's for the same inputs: every output's cosine
/// similarity at least <see cref="MinimumCosine"/> and, for class scores ([batch, classes]), the same top
/// class in every row. Null when they agree, else what differs, for people.
/// </summary>
internal static class DeviceComparison
{
    public const double MinimumCosine = 0.999;

    public static string? Compare(IReadOnlyList<string> names, IReadOnlyList<FloatTensor> device, IReadOnlyList<FloatTensor> cpu)
    {
        for (var i = 0; i < names.Count; i++)
        {
            var difference = CompareOne(device[i], cpu[i]);
            if (difference is not null)
            {
                return $"output '{names[i]}': {difference}";
            }
        }

        return null;
    }

    private static string? CompareOne(FloatTensor device, FloatTensor cpu)
    {
        if (!device.Shape.SequenceEqual(cpu.Shape))
        {
            return $"shape {TensorInfo.FormatShape(device.Shape)} instead of {TensorInfo.FormatShape(cpu.Shape)}";
        }

        var cosine = Cosine(device.Data, cpu.Data);
        if (!(cosine >= MinimumCosine))
        {
            return $"cosine similarity {Format(cosine)} with the CPU's result (needs >= {Format(MinimumCosine)})";
        }

        if (cpu.Shape is [var rows, var classes] && classes > 1)
        {
            for (var row = 0; row < rows; row++)
            {
                var span = (int)classes;
                var top = ArgMax(device.Data.AsSpan(row * span, span));
                var expected = ArgMax(cpu.Data.AsSpan(row * span, span));
                if (top != expected)
                {
                    return $"top class {top} instead of {expected} in row {row}";
                }
            }
        }

        return null;
    }

    /// <summary>Cosine similarity; two all-zero vectors agree (1), a NaN anywhere does not (NaN).</summary>
    internal static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        if (double.IsNaN(dot) || double.IsNaN(na) || double.IsNaN(nb))
        {
            return double.NaN;
        }

        if (na == 0 && nb == 0)
        {
            return 1;
        }

        return na == 0 || nb == 0 ? 0 : dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
