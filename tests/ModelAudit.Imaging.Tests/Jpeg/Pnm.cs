using System.Text;

namespace ModelAudit.Imaging.Tests.Jpeg;

/// <summary>Reads the binary PPM (P6) and PGM (P5) reference decodes written by djpeg and ImageMagick.</summary>
internal static class Pnm
{
    public static Image Read(string path)
    {
        var data = File.ReadAllBytes(path);
        var pos = 0;
        var magic = Token(data, ref pos);
        var width = int.Parse(Token(data, ref pos), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Token(data, ref pos), System.Globalization.CultureInfo.InvariantCulture);
        var max = int.Parse(Token(data, ref pos), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(255, max);
        pos++; // the single whitespace byte after the header
        var channels = magic == "P6" ? 3 : magic == "P5" ? 1 : throw new InvalidDataException($"{path}: {magic}");
        Assert.Equal(pos + (width * height * channels), data.Length);
        var image = new Image(width, height);
        for (var i = 0; i < width * height; i++)
        {
            for (var ch = 0; ch < 3; ch++)
            {
                image.Pixels[(4 * i) + ch] = data[pos + (i * channels) + (channels == 3 ? ch : 0)];
            }

            image.Pixels[(4 * i) + 3] = 255;
        }

        return image;
    }

    private static string Token(byte[] data, ref int pos)
    {
        while (char.IsWhiteSpace((char)data[pos]) || data[pos] == '#')
        {
            if (data[pos] == '#')
            {
                while (data[pos] != '\n')
                {
                    pos++;
                }
            }

            pos++;
        }

        var start = pos;
        while (!char.IsWhiteSpace((char)data[pos]))
        {
            pos++;
        }

        return Encoding.ASCII.GetString(data, start, pos - start);
    }
}
