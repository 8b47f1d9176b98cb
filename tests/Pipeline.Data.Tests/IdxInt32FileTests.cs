namespace Pipeline.Data.Tests;

public sealed class IdxInt32FileTests
{
    [Theory]
    [InlineData("codes-idx3-int")]
    [InlineData("codes-idx3-int.gz")]
    public void Values_beyond_a_byte_round_trip_raw_and_compressed(string name)
    {
        using var temp = new TempDirectory();
        var path = temp.File(name);
        int[] values = [0, 511, 256, 70000, -3, 1, 2, 3];

        IdxInt32File.Write(path, [2, 2, 2], values);
        var (dimensions, read) = IdxInt32File.Read(path);

        Assert.Equal(new[] { 2, 2, 2 }, dimensions);
        Assert.Equal(values, read);
    }

    [Fact]
    public void The_header_is_the_idx_int32_layout_outside_tools_read()
    {
        using var temp = new TempDirectory();
        var path = temp.File("one-idx1-int");

        IdxInt32File.Write(path, [1], [258]);

        Assert.Equal(new byte[] { 0, 0, 0x0C, 1, 0, 0, 0, 1, 0, 0, 1, 2 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_byte_file_or_a_short_file_is_refused_naming_the_file()
    {
        using var temp = new TempDirectory();
        var bytes = temp.File("labels-idx1-ubyte");
        IdxFile.Write(bytes, new IdxArray([2], [1, 2]));
        var truncated = temp.File("short-idx1-int");
        File.WriteAllBytes(truncated, [0, 0, 0x0C, 1, 0, 0, 0, 2, 0, 0, 0, 1]);

        var type = Assert.Throws<InvalidDataException>(() => IdxInt32File.Read(bytes));
        var length = Assert.Throws<InvalidDataException>(() => IdxInt32File.Read(truncated));
        var mismatch = Assert.Throws<ArgumentException>(() => IdxInt32File.Write(temp.File("x"), [3], [1, 2]));

        Assert.Contains(bytes, type.Message);
        Assert.Contains("0x0C (int32), found 0x08", type.Message);
        Assert.Contains("need 8 bytes of data, found 4", length.Message);
        Assert.Contains("Expected 3 values", mismatch.Message);
    }
}
