namespace ModelAudit.Core.Analysis.Occlusion;

/// <summary>
/// Where the patch goes along each axis: every stride while it fits, plus a last position flush with the
/// far edge when the strides stop short of it, so every pixel is covered. A patch larger than the tensor
/// shrinks to the tensor.
/// </summary>
internal sealed record PatchGrid(int[] XStarts, int[] YStarts, int PatchWidth, int PatchHeight)
{
    public int Count => XStarts.Length * YStarts.Length;

    public static PatchGrid For(int width, int height, int patch, int stride)
    {
        var pw = Math.Min(patch, width);
        var ph = Math.Min(patch, height);
        return new PatchGrid(Starts(width, pw, stride), Starts(height, ph, stride), pw, ph);
    }

    internal static int[] Starts(int size, int patch, int stride)
    {
        var starts = new List<int>();
        for (var s = 0; s + patch <= size; s += stride)
        {
            starts.Add(s);
        }

        if (starts[^1] + patch < size)
        {
            starts.Add(size - patch);
        }

        return [.. starts];
    }

    /// <summary>Position <paramref name="index"/> in row-major order (x fastest).</summary>
    public (int X, int Y) At(int index) => (XStarts[index % XStarts.Length], YStarts[index / XStarts.Length]);
}
