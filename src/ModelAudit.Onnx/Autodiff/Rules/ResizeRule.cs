namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>
/// Resize and Upsample, nearest, linear or cubic (<see cref="CubicWeights"/>), along the last two axes. Each resized axis is a linear map
/// Y = M X whose matrix follows ONNX Runtime's coordinate transformation and rounding; the gradient applies M's
/// transpose. Integer nearest upsampling that copies blocks becomes the cheaper box-sum depthwise Conv.
/// </summary>
internal static class ResizeRule
{
    public static string?[] Backward(GradientContext c)
    {
        var e = c.E;
        var x = c.InShape(0);
        var y = c.OutShape(0);
        var rank = x.Length;
        var mode = c.Node.Str("mode", "nearest");
        if (mode is not ("nearest" or "linear" or "bilinear" or "cubic"))
        {
            throw c.Unsupported($"mode '{mode}'");
        }

        if (c.Node.Int("antialias", 0) != 0)
        {
            throw c.Unsupported("antialias");
        }

        var scales = Scales(c, x, y);
        for (var axis = 0; axis < rank - 2; axis++)
        {
            if (x[axis] != y[axis])
            {
                throw c.Unsupported($"resizing axis {axis} (only the last two axes are supported)");
            }
        }

        var matrices = new float[]?[rank];
        var blocks = new bool[rank];
        for (var axis = Math.Max(0, rank - 2); axis < rank; axis++)
        {
            if (x[axis] == y[axis] && scales[axis] == 1f)
            {
                blocks[axis] = true;
                continue;
            }

            var map = new AxisMap(c, mode == "nearest", x[axis], y[axis], scales[axis]);
            matrices[axis] = map.Matrix(out blocks[axis]);
        }

        if (rank == 4 && mode == "nearest" && blocks[2] && blocks[3])
        {
            return c.First(BoxSum(e, c.Dy, x, y));
        }

        var grad = c.Dy;
        if (matrices[rank - 1] is { } width)
        {
            grad = e.Op("MatMul", [grad, e.Floats(width, y[rank - 1], x[rank - 1])]);
        }

        if (rank >= 2 && matrices[rank - 2] is { } height)
        {
            grad = e.Op("MatMul", [e.Floats(Transpose(height, y[rank - 2], x[rank - 2]), x[rank - 2], y[rank - 2]), grad]);
        }

        return c.First(grad);
    }

    private static string BoxSum(BackwardEmitter e, string dy, long[] x, long[] y)
    {
        long sh = y[2] / x[2], sw = y[3] / x[3];
        var ones = Enumerable.Repeat(1f, (int)(x[1] * sh * sw)).ToArray();
        return e.Op(
            "Conv",
            [dy, e.Floats(ones, x[1], 1, sh, sw)],
            Attr.Ints("kernel_shape", [sh, sw]),
            Attr.Ints("strides", [sh, sw]),
            Attr.Int("group", x[1]));
    }

    private static float[] Scales(GradientContext c, long[] x, long[] y)
    {
        double[]? given = c.Node.OpType == "Upsample" && c.Opset < 9
            ? c.Node.Floats("scales")?.Select(f => (double)f).ToArray()
            : c.ConstDoublesOrNull(c.Node.OpType == "Resize" && c.Opset >= 11 ? 2 : 1);
        if (given is { Length: > 0 } && given.Length == x.Length)
        {
            return [.. given.Select(s => (float)s)];
        }

        // Sizes given (or scales computed at run time): ONNX Runtime derives the scale as out / in.
        return [.. x.Select((dim, i) => (float)y[i] / dim)];
    }

    private static float[] Transpose(float[] m, long rows, long columns)
    {
        var t = new float[m.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var col = 0; col < columns; col++)
            {
                t[(col * rows) + r] = m[(r * columns) + col];
            }
        }

        return t;
    }

    /// <summary>Where output positions along one axis read from, per the forward node's attributes and opset.</summary>
    private sealed class AxisMap
    {
        private readonly bool _nearest;
        private readonly long _in;
        private readonly long _out;
        private readonly float _scale;
        private readonly string _transform;
        private readonly string _rounding;
        private readonly bool _cubic;
        private readonly float _cubicA;
        private readonly bool _excludeOutside;

        public AxisMap(GradientContext c, bool nearest, long input, long output, float scale)
        {
            _nearest = nearest;
            _in = input;
            _out = output;
            _scale = scale;
            // Before Resize-11 (Upsample and Resize-10) coordinates are asymmetric and nearest truncates.
            var modern = c.Node.OpType == "Resize" && c.Opset >= 11;
            _transform = modern ? c.Node.Str("coordinate_transformation_mode", "half_pixel") : "asymmetric";
            _rounding = modern ? c.Node.Str("nearest_mode", "round_prefer_floor") : "simple";
            _cubic = c.Node.Str("mode", "nearest") == "cubic";
            _cubicA = c.Node.Float("cubic_coeff_a", -0.75f);
            _excludeOutside = c.Node.Int("exclude_outside", 0) != 0;
            if (_transform is not ("half_pixel" or "pytorch_half_pixel" or "align_corners" or "asymmetric" or "tf_half_pixel_for_nearest"))
            {
                throw c.Unsupported($"coordinate_transformation_mode '{_transform}'");
            }
        }

        /// <summary>The [out, in] interpolation matrix; <paramref name="isBlockCopy"/> when output o reads input o / s
        /// for an integer s (nearest upsampling by whole blocks).</summary>
        public float[] Matrix(out bool isBlockCopy)
        {
            var matrix = new float[_out * _in];
            var factor = _out % _in == 0 ? _out / _in : 0;
            isBlockCopy = _nearest && factor > 0;
            for (long o = 0; o < _out; o++)
            {
                var source = Source(o);
                if (_nearest)
                {
                    var index = Math.Clamp(Round(source), 0, _in - 1);
                    matrix[(o * _in) + index] = 1f;
                    isBlockCopy &= index == o / Math.Max(factor, 1);
                }
                else if (_cubic)
                {
                    CubicWeights.Add(matrix, o, _in, source, _cubicA, _excludeOutside);
                }
                else
                {
                    var clamped = Math.Clamp(source, 0f, _in - 1);
                    var low = (long)clamped;
                    var high = Math.Min(low + 1, _in - 1);
                    var weight = clamped - low;
                    matrix[(o * _in) + low] += 1f - weight;
                    matrix[(o * _in) + high] += weight;
                }
            }

            return matrix;
        }

        private float Source(long o) => _transform switch
        {
            "half_pixel" => ((o + 0.5f) / _scale) - 0.5f,
            "pytorch_half_pixel" => _out > 1 ? ((o + 0.5f) / _scale) - 0.5f : 0f,
            "align_corners" => _out == 1 ? 0f : o * (float)(_in - 1) / (_out - 1),
            "tf_half_pixel_for_nearest" => (o + 0.5f) / _scale,
            _ => o / _scale,
        };

        private long Round(float source) => _rounding switch
        {
            "round_prefer_ceil" => (long)MathF.Floor(source + 0.5f),
            "floor" => (long)MathF.Floor(source),
            "ceil" => (long)MathF.Ceiling(source),
            "simple" => _scale < 1f ? (long)MathF.Ceiling(source) : (long)source,
            _ => source == MathF.Floor(source) + 0.5f ? (long)MathF.Floor(source) : (long)MathF.Round(source),
        };
    }
}
