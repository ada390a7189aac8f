using System.Text;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Config.Json;

/// <summary>Turns byte offsets of a UTF-8 file into 1-based line and character columns, as editors count them.</summary>
internal sealed class LineMap
{
    private readonly byte[] _bytes;
    private readonly List<int> _lineStarts = [0];

    public LineMap(byte[] bytes)
    {
        _bytes = bytes;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public SourceLocation At(long offset)
    {
        var clamped = (int)Math.Clamp(offset, 0, _bytes.Length);
        var line = _lineStarts.BinarySearch(clamped);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourceLocation(line + 1, Column(_lineStarts[line], clamped));
    }

    /// <summary>For positions System.Text.Json reports itself: 0-based line, byte offset within it.</summary>
    public SourceLocation AtLineByte(long line, long bytePositionInLine)
    {
        var index = (int)Math.Clamp(line, 0, _lineStarts.Count - 1);
        var start = _lineStarts[index];
        var offset = (int)Math.Clamp(start + bytePositionInLine, start, _bytes.Length);
        return new SourceLocation(index + 1, Column(start, offset));
    }

    private int Column(int lineStart, int offset) =>
        Encoding.UTF8.GetCharCount(_bytes, lineStart, offset - lineStart) + 1;
}
