namespace ModelAudit.Core.Limits;

/// <summary>Element counts of shapes with overflow checked, so a huge declared dimension is an error, not a wrapped number.</summary>
internal static class ShapeMath
{
    /// <summary>The product of the dimensions, or null when it does not fit in 64 bits (or a dimension is negative).</summary>
    public static long? Elements(IReadOnlyList<long> shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                return null;
            }

            try
            {
                count = checked(count * d);
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return count;
    }

    /// <summary>The element count when it fits in one .NET array, else a user error naming <paramref name="what"/>.</summary>
    public static int ArrayElements(IReadOnlyList<long> shape, string what) =>
        Elements(shape) is long n && n <= Array.MaxLength
            ? (int)n
            : throw new ModelAuditException($"{what} has shape [{string.Join(",", shape)}], more elements than one array can hold; check the model's declared shapes");
}
