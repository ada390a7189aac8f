namespace ModelAudit.Onnx.Autodiff.Folding;

/// <summary>Operators of the build-time evaluator that compute or rearrange shapes.</summary>
internal static class FoldShapes
{
    public static FoldedTensor Shape(FoldNode n)
    {
        var shape = n.InputShapes[0] ?? throw new FoldingException("the input's shape is not known");
        var rank = shape.Length;
        // Opset 15 added start/end (clamped, negative from the back).
        var start = Clamp(n.Node.Int("start", 0), rank);
        var end = n.Node.Find("end") is null ? rank : Clamp(n.Node.Int("end", rank), rank);
        long[] dims = end > start ? shape[(int)start..(int)end] : [];
        return FoldedTensor.Integers(ElementKinds.Int64, [dims.Length], dims);
    }

    public static FoldedTensor Size(FoldNode n)
    {
        var shape = n.InputShapes[0] ?? throw new FoldingException("the input's shape is not known");
        return FoldedTensor.Integers(ElementKinds.Int64, [], [shape.Aggregate(1L, (a, b) => a * b)]);
    }

    public static FoldedTensor Reshape(FoldNode n)
    {
        var x = n.In(0);
        var requested = n.Opset < 5 ? n.Node.Ints("shape") ?? [] : n.In(1).ToLongs();
        var allowZero = n.Node.Int("allowzero", 0) == 1;
        var shape = new long[requested.Length];
        var unknown = -1;
        for (var i = 0; i < shape.Length; i++)
        {
            shape[i] = requested[i] switch
            {
                0 when !allowZero => i < x.Shape.Length ? x.Shape[i] : throw new FoldingException("reshape copies a missing axis"),
                -1 => 1,
                _ => requested[i],
            };
            if (requested[i] == -1)
            {
                unknown = i;
            }
        }

        if (unknown >= 0)
        {
            var known = shape.Aggregate(1L, (a, b) => a * b);
            shape[unknown] = known == 0 ? 0 : x.Count / known;
        }

        return shape.Aggregate(1L, (a, b) => a * b) == x.Count ? x.WithShape(shape) : throw new FoldingException("reshape changes the element count");
    }

    public static FoldedTensor Flatten(FoldNode n)
    {
        var x = n.In(0);
        var axis = (int)n.Node.Int("axis", 1);
        axis = axis < 0 ? axis + x.Shape.Length : axis;
        var outer = x.Shape[..axis].Aggregate(1L, (a, b) => a * b);
        return x.WithShape([outer, outer == 0 ? 0 : x.Count / outer]);
    }

    public static FoldedTensor Unsqueeze(FoldNode n)
    {
        var x = n.In(0);
        var axes = n.IntsFrom("axes", 1, 13) ?? throw new FoldingException("axes are missing");
        var rank = x.Shape.Length + axes.Length;
        var inserted = axes.Select(a => FoldNode.Axis(a, rank)).ToHashSet();
        var shape = new long[rank];
        var k = 0;
        for (var i = 0; i < rank; i++)
        {
            shape[i] = inserted.Contains(i) ? 1 : x.Shape[k++];
        }

        return x.WithShape(shape);
    }

    public static FoldedTensor Squeeze(FoldNode n)
    {
        var x = n.In(0);
        var axes = n.IntsFrom("axes", 1, 13);
        var removed = axes is null
            ? Enumerable.Range(0, x.Shape.Length).Where(a => x.Shape[a] == 1).ToHashSet()
            : axes.Select(a => FoldNode.Axis(a, x.Shape.Length)).ToHashSet();
        return x.WithShape([.. x.Shape.Where((_, a) => !removed.Contains(a))]);
    }

    public static FoldedTensor Expand(FoldNode n)
    {
        var x = n.In(0);
        var shape = Broadcast.Shape([x.Shape, n.In(1).ToLongs()]);
        ShapeFolder.CheckSize(shape);
        return x.Gather(shape, Broadcast.Sources(shape, x.Shape));
    }

    public static FoldedTensor ConstantOfShape(FoldNode n)
    {
        var shape = n.In(0).ToLongs();
        ShapeFolder.CheckSize(shape);
        var count = (int)shape.Aggregate(1L, (a, b) => a * b);
        var value = n.Node.Find("value")?.T is { } t ? FoldedTensor.FromProto(t, n.Node.Label()) : FoldedTensor.Floats(ElementKinds.Float, [1], [0]);
        return value.Gather(shape, new int[count]);
    }

    public static FoldedTensor Range(FoldNode n)
    {
        var start = n.In(0);
        var limit = n.In(1);
        var delta = n.In(2);
        if (start.IsInteger)
        {
            var (s, l, d) = (start.Long(0), limit.Long(0), delta.Long(0));
            var count = d == 0 ? 0 : Math.Max((long)Math.Ceiling((double)(l - s) / d), 0);
            ShapeFolder.CheckSize([count]);
            return FoldedTensor.Integers(start.Type, [count], [.. Enumerable.Range(0, (int)count).Select(i => s + (i * d))]);
        }

        var (fs, fl, fd) = (start.Double(0), limit.Double(0), delta.Double(0));
        var n2 = fd == 0 ? 0 : Math.Max((long)Math.Ceiling((fl - fs) / fd), 0);
        ShapeFolder.CheckSize([n2]);
        return FoldedTensor.Floats(start.Type, [n2], [.. Enumerable.Range(0, (int)n2).Select(i => FoldArithmetic.Round(fs + (i * fd), start.Type))]);
    }

    public static FoldedTensor Concat(FoldNode n)
    {
        var parts = Enumerable.Range(0, n.Node.Input.Count).Where(n.Has).Select(n.In).ToList();
        var rank = parts[0].Shape.Length;
        var axis = FoldNode.Axis(n.Node.Int("axis", 0), rank);
        var shape = (long[])parts[0].Shape.Clone();
        shape[axis] = parts.Sum(p => p.Shape[axis]);
        var outer = (int)shape[..axis].Aggregate(1L, (a, b) => a * b);
        var inner = (int)shape[(axis + 1)..].Aggregate(1L, (a, b) => a * b);
        // Concatenate through one combined tensor: record which part and element each result element comes from.
        var sources = new List<(int Part, int Index)>();
        for (var o = 0; o < outer; o++)
        {
            for (var p = 0; p < parts.Count; p++)
            {
                var block = (int)parts[p].Shape[axis] * inner;
                for (var i = 0; i < block; i++)
                {
                    sources.Add((p, (o * block) + i));
                }
            }
        }

        return parts[0].IsInteger
            ? FoldedTensor.Integers(parts[0].Type, shape, [.. sources.Select(s => parts[s.Part].Long(s.Index))])
            : FoldedTensor.Floats(parts[0].Type, shape, [.. sources.Select(s => parts[s.Part].Double(s.Index))]);
    }

    private static long Clamp(long axis, long rank) => Math.Clamp(axis < 0 ? axis + rank : axis, 0, rank);
}
