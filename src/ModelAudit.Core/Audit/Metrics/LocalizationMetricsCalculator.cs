namespace ModelAudit.Core.Audit.Metrics;

/// <summary>
/// The DESIGN.md localization metrics over a map already upsampled to the image. Only the positive
/// part counts (non-finite values count as 0). Orders are total so results never depend on sorting:
/// ties between equal map values go to the lower row-major index for the K highest pixels of rank
/// accuracy and the top p% of the IoU. The pointing game's maximum among tied pixels is the one nearest
/// their centroid (then the lower index): a map upsampled from a layer pooled to one row is a plateau, and
/// its first pixel (the top-left corner) would say nothing about where the evidence is.
/// </summary>
public static class LocalizationMetricsCalculator
{
    public static LocalizationMetrics Compute(
        ReadOnlySpan<float> map, int width, int height, bool[] region, int pointingTolerance, double iouTopPercent)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentOutOfRangeException.ThrowIfNegative(pointingTolerance);
        if (width < 0 || height < 0 || map.Length != width * height || region.Length != map.Length)
        {
            throw new ArgumentException($"map ({map.Length}) and region ({region.Length}) must both hold {width}x{height} values");
        }

        if (!(iouTopPercent > 0 && iouTopPercent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(iouTopPercent), iouTopPercent, "the top share must be in (0, 100]");
        }

        // The positive part is read on the fly, not copied: on a photo-sized map a copy is 64 MB per image.
        double total = 0, inside = 0;
        var area = 0;
        var best = -1;
        var bestValue = 0f;
        for (var i = 0; i < map.Length; i++)
        {
            var v = TopRanked.Positive(map[i]);
            total += v;
            if (region[i])
            {
                area++;
                inside += v;
            }

            if (v > bestValue)
            {
                best = i;
                bestValue = v;
            }
        }

        var flat = total <= 0;
        var empty = area == 0;
        if (flat || empty)
        {
            return new LocalizationMetrics(0, false, 0, 0, flat, empty);
        }

        var pointed = PlateauCentre(map, best, width);
        var top = Math.Clamp((int)Math.Round(map.Length * iouTopPercent / 100, MidpointRounding.AwayFromZero), 1, map.Length);
        var topInside = TopRanked.CountInside(map, region, top);
        return new LocalizationMetrics(
            RelevanceMass: Math.Clamp(inside / total, 0, 1),
            PointingHit: Hit(region, width, height, pointed % width, pointed / width, pointingTolerance),
            RankAccuracy: (double)TopRanked.CountInside(map, region, area) / area,
            IouTop: (double)topInside / (top + area - topInside),
            FlatMap: false,
            EmptyRegion: false,
            PointingDistance: Distance(region, width, pointed % width, pointed / width));
    }

    /// <summary>Euclidean distance from (px, py) to the nearest region pixel; 0 when it is one.</summary>
    private static double Distance(bool[] region, int width, int px, int py)
    {
        if (region[(py * width) + px])
        {
            return 0;
        }

        var best = long.MaxValue;
        for (var i = 0; i < region.Length; i++)
        {
            if (region[i])
            {
                long dx = (i % width) - px, dy = (i / width) - py;
                best = Math.Min(best, (dx * dx) + (dy * dy));
            }
        }

        return Math.Sqrt(best);
    }

    /// <summary>Among the pixels equal to the maximum, the one nearest their centroid (ties: the lower index).</summary>
    private static int PlateauCentre(ReadOnlySpan<float> map, int best, int width)
    {
        var max = TopRanked.Positive(map[best]);
        double sumX = 0, sumY = 0;
        var count = 0;
        for (var i = best; i < map.Length; i++)
        {
            if (TopRanked.Positive(map[i]) == max)
            {
                sumX += i % width;
                sumY += i / width;
                count++;
            }
        }

        if (count == 1)
        {
            return best;
        }

        double cx = sumX / count, cy = sumY / count;
        var nearest = best;
        var nearestDistance = double.MaxValue;
        for (var i = best; i < map.Length; i++)
        {
            if (TopRanked.Positive(map[i]) == max)
            {
                var dx = (i % width) - cx;
                var dy = (i / width) - cy;
                var distance = (dx * dx) + (dy * dy);
                if (distance < nearestDistance)
                {
                    nearestDistance = distance;
                    nearest = i;
                }
            }
        }

        return nearest;
    }

    /// <summary>Inside the region dilated by a disc of radius <paramref name="tolerance"/> (Euclidean, in pixels).</summary>
    private static bool Hit(bool[] region, int width, int height, int px, int py, int tolerance)
    {
        var r2 = (long)tolerance * tolerance;
        for (var y = Math.Max(0, py - tolerance); y <= Math.Min(height - 1, py + tolerance); y++)
        {
            for (var x = Math.Max(0, px - tolerance); x <= Math.Min(width - 1, px + tolerance); x++)
            {
                var dx = (long)(x - px);
                var dy = (long)(y - py);
                if ((dx * dx) + (dy * dy) <= r2 && region[(y * width) + x])
                {
                    return true;
                }
            }
        }

        return false;
    }
}
