using System.Text.Json;
using System.Text.Json.Serialization;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Audit.Shards;

/// <summary>
/// How shard.json is (de)serialized: the result records as they are, by reflection, so a field added to a result
/// travels through a merge without a change here (PartialReportTests round-trip a real audit's report).
/// </summary>
internal static class PartialReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        // Region points are (X, Y) tuples, whose members are fields.
        IncludeFields = true,

        // A map may hold NaN; the merged report must show what the shard saw.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(), new PngImageConverter() },
    };

    public static byte[] Serialize(PartialReport report) => JsonSerializer.SerializeToUtf8Bytes(report, Options);

    public static PartialReport Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<PartialReport>(json, Options) ?? throw new JsonException("the file holds null");

    /// <summary>Pictures as PNG (lossless, a fraction of the RGBA bytes).</summary>
    private sealed class PngImageConverter : JsonConverter<Image>
    {
        public override Image Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ImageDecoder.Decode(reader.GetBytesFromBase64(), PartialReport.FileName);

        public override void Write(Utf8JsonWriter writer, Image value, JsonSerializerOptions options) =>
            writer.WriteBase64StringValue(PngEncoder.Encode(value));
    }
}
