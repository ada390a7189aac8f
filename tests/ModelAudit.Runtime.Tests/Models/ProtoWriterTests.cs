namespace ModelAudit.Runtime.Tests.Models;

public class ProtoWriterTests
{
    [Fact]
    public void Varint_Field1Value150_MatchesProtobufDocumentationBytes()
    {
        // The encoding guide's first example: field 1 = 150 is 08 96 01.
        Assert.Equal(new byte[] { 0x08, 0x96, 0x01 }, new ProtoWriter().Varint(1, 150).ToArray());
    }

    [Fact]
    public void String_Field2Testing_MatchesProtobufDocumentationBytes()
    {
        // The encoding guide: field 2 = "testing" is 12 07 74 65 73 74 69 6e 67.
        Assert.Equal(
            new byte[] { 0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67 },
            new ProtoWriter().String(2, "testing").ToArray());
    }

    [Fact]
    public void Float_Field2One_WritesFixed32LittleEndian()
    {
        // Tag (2 << 3 | 5) = 0x15, then 1.0f = 0x3F800000 little-endian.
        Assert.Equal(new byte[] { 0x15, 0x00, 0x00, 0x80, 0x3F }, new ProtoWriter().Float(2, 1f).ToArray());
    }
}
