using System.Text.Json;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Config.Json;

/// <summary>
/// Reads a whole JSON document with <see cref="Utf8JsonReader"/> into <see cref="JsonNode"/>s that keep
/// their line and column. Comments and trailing commas are accepted: people edit this file by hand.
/// </summary>
internal static class PositionedJsonParser
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    public static JsonNode Parse(byte[] bytes, string file, out LineMap lines)
    {
        ConfigEncoding.Require(bytes, file);
        var body = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;
        lines = new LineMap(body);
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new ConfigException(file, 1, 1, DiagnosticCodes.ConfigInvalid, "the file is empty; expected a JSON object");
        }

        var reader = new Utf8JsonReader(body, Options);
        try
        {
            reader.Read();
            var root = ReadValue(ref reader, lines, file);
            if (reader.Read())
            {
                var extra = lines.At(reader.TokenStartIndex);
                throw new ConfigException(file, extra.Line, extra.Column, DiagnosticCodes.ConfigInvalid, "unexpected content after the end of the JSON document");
            }

            return root;
        }
        catch (JsonException e)
        {
            var at = lines.AtLineByte(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            throw new ConfigException(file, at.Line, at.Column, DiagnosticCodes.ConfigInvalid, "invalid JSON: " + Describe(e), e);
        }
    }

    private static JsonNode ReadValue(ref Utf8JsonReader reader, LineMap lines, string file)
    {
        var at = lines.At(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonNode(JsonKind.Object, at);
                var names = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var nameAt = lines.At(reader.TokenStartIndex);
                    var name = ReadString(ref reader, lines, file);
                    if (!names.Add(name))
                    {
                        throw new ConfigException(file, nameAt.Line, nameAt.Column, DiagnosticCodes.ConfigInvalid, $"property \"{name}\" appears twice");
                    }

                    reader.Read();
                    obj.Properties.Add(new JsonProperty(name, nameAt, ReadValue(ref reader, lines, file)));
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonNode(JsonKind.Array, at);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Items.Add(ReadValue(ref reader, lines, file));
                }

                return array;
            case JsonTokenType.String:
                return new JsonNode(JsonKind.String, at) { Text = ReadString(ref reader, lines, file) };
            case JsonTokenType.Number:
                return new JsonNode(JsonKind.Number, at) { Text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True:
                return new JsonNode(JsonKind.True, at);
            case JsonTokenType.False:
                return new JsonNode(JsonKind.False, at);
            default:
                return new JsonNode(JsonKind.Null, at);
        }
    }

    private static string ReadString(ref Utf8JsonReader reader, LineMap lines, string file)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.GetString()!;
        }

        // Checked before GetString, which throws a positionless InvalidOperationException for these.
        var unpaired = SurrogateEscapes.FindUnpaired(reader.ValueSpan);
        if (unpaired >= 0)
        {
            // ValueSpan starts after the opening quote.
            var at = lines.At(reader.TokenStartIndex + 1 + unpaired);
            throw new ConfigException(file, at.Line, at.Column, DiagnosticCodes.ConfigInvalid,
                $"the string escape {SurrogateEscapes.Text(reader.ValueSpan, unpaired)} {SurrogateEscapes.Problem}; remove it or write the character itself");
        }

        return reader.GetString()!;
    }

    /// <summary>System.Text.Json appends its own 0-based position; ours replaces it.</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd();
    }
}
