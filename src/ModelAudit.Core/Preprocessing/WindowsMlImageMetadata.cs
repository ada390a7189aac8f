namespace ModelAudit.Core.Preprocessing;

/// <summary>
/// The image hints Windows ML tools write into a model's metadata_props: Image.BitmapPixelFormat
/// (Bgr8, Rgb8, Gray8, ...) and Image.NominalPixelRange (NominalRange_0_255, Normalized_0_1,
/// Normalized_1_1, NominalRange_16_235).
/// </summary>
internal sealed record WindowsMlImageMetadata(ChannelOrder? Channels, int? ChannelCount, float? Scale,
    IReadOnlyList<float>? Mean, IReadOnlyList<float>? Std)
{
    public static WindowsMlImageMetadata Read(IReadOnlyDictionary<string, string> metadata, string modelName)
    {
        ChannelOrder? order = null;
        int? count = null;
        if (metadata.TryGetValue("Image.BitmapPixelFormat", out var format))
        {
            (order, count) = format.Trim() switch
            {
                "Bgr8" or "Bgra8" => (ChannelOrder.Bgr, 3),
                "Rgb8" or "Rgba8" => (ChannelOrder.Rgb, 3),
                "Gray8" or "Gray16" => ((ChannelOrder?)ChannelOrder.Rgb, (int?)1),
                _ => throw new ModelAuditException(
                    $"{modelName}: metadata Image.BitmapPixelFormat '{format}' is not one of Bgr8, Rgb8, Bgra8, Rgba8, Gray8; pass --channels to override"),
            };
        }

        float? scale = null;
        IReadOnlyList<float>? mean = null, std = null;
        if (metadata.TryGetValue("Image.NominalPixelRange", out var range))
        {
            (scale, mean) = range.Trim() switch
            {
                "NominalRange_0_255" => (1f, (IReadOnlyList<float>)[0f, 0f, 0f]),
                "Normalized_0_1" => (1f / 255f, [0f, 0f, 0f]),
                "Normalized_1_1" => (2f / 255f, [1f, 1f, 1f]),
                "NominalRange_16_235" => (219f / 255f, [-16f, -16f, -16f]),
                _ => throw new ModelAuditException(
                    $"{modelName}: metadata Image.NominalPixelRange '{range}' is not one of NominalRange_0_255, Normalized_0_1, Normalized_1_1, NominalRange_16_235; pass --scale/--mean to override"),
            };
            std = [1f, 1f, 1f];
        }

        return new WindowsMlImageMetadata(order, count, scale, mean, std);
    }
}
