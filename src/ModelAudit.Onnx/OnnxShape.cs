namespace ModelAudit.Onnx;

/// <summary>A declared tensor shape; dimensions may be symbolic or unknown.</summary>
public sealed record OnnxShape(IReadOnlyList<OnnxDim> Dims)
{
    public static OnnxShape FromArray(IEnumerable<long> dims) =>
        new(dims.Select(d => d >= 0 ? OnnxDim.Known(d) : OnnxDim.Unknown).ToArray());

    public int Rank => Dims.Count;

    public bool IsFullyKnown => Dims.All(d => d.Value is not null);

    /// <summary>The dimensions as numbers, -1 where not known.</summary>
    public long[] ToArray() => Dims.Select(d => d.Value ?? -1).ToArray();

    public override string ToString() => "[" + string.Join(",", Dims) + "]";

    // Records compare lists by reference; shapes are equal when their dimensions are.
    public bool Equals(OnnxShape? other) => other is not null && Dims.SequenceEqual(other.Dims);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var dim in Dims)
        {
            hash.Add(dim);
        }

        return hash.ToHashCode();
    }
}
