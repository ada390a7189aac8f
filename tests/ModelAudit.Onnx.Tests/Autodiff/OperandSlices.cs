namespace ModelAudit.Onnx.Tests.Autodiff;

/// <summary>Several operands cut from one flat input, so the finite-difference check covers every operand's gradient
/// (the checker perturbs a single input).</summary>
internal static class OperandSlices
{
    public static long Total(IEnumerable<long[]> shapes) => shapes.Sum(Count);

    /// <summary>Slices <paramref name="flat"/> (opset 10 or later) into consecutive pieces reshaped to <paramref name="shapes"/>.</summary>
    public static string[] Cut(NetBuilder b, string flat, IReadOnlyList<long[]> shapes)
    {
        var names = new string[shapes.Count];
        long offset = 0;
        for (var i = 0; i < shapes.Count; i++)
        {
            var count = Count(shapes[i]);
            var piece = b.Node("Slice", [flat, b.Ints(offset), b.Ints(offset + count), b.Ints(0)]);
            names[i] = b.Node("Reshape", [piece, b.Ints(shapes[i])]);
            offset += count;
        }

        return names;
    }

    public static long[] RandomShape(Random random, int rank, int max = 4) =>
        [.. Enumerable.Range(0, rank).Select(_ => (long)random.Next(1, max + 1))];

    private static long Count(long[] shape) => shape.Aggregate(1L, (a, b) => a * b);
}
