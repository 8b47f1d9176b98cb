using System.Buffers.Binary;
using System.IO.Compression;

namespace Pipeline.Data;

/// <summary>
/// Reads and writes IDX files, the format of MNIST and Fashion-MNIST
/// (<see href="http://yann.lecun.com/exdb/mnist/"/>): two zero bytes, a type code, a dimension count,
/// one big-endian int32 per dimension, then the elements in row-major order. Only unsigned bytes (type 0x08) are supported.
/// </summary>
/// <example>
/// <code>
/// IdxArray labels = IdxFile.Read("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz");
/// IdxFile.Write("labels-idx1-ubyte.gz", labels);
/// </code>
/// </example>
public static class IdxFile
{
    private const byte UnsignedByteType = 0x08;
    private const int MaxDimensions = IdxLayout.MaxDimensions;

    /// <summary>Reads an IDX file, raw or gzip-compressed (recognised by its content, not its extension).</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The dimensions and data of the file.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed unsigned-byte IDX file; the message names the file.</exception>
    public static IdxArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: IDX file not found.", path);
        }

        using FileStream file = File.OpenRead(path);
        bool compressed = IsGzip(file);
        try
        {
            using Stream stream = compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
            return ReadContent(stream, path);
        }
        catch (InvalidDataException e) when (compressed && !e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: corrupt gzip data ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Writes an unsigned-byte IDX file atomically, gzip-compressed when <paramref name="path"/> ends in <c>.gz</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="array">1 to 4 positive dimensions and exactly as many bytes as their product.</param>
    /// <exception cref="ArgumentException">The dimensions are invalid or disagree with the data length.</exception>
    public static void Write(string path, IdxArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        long expected = ElementCount(CheckDimensions(array.Dimensions));
        if (array.Data.LongLength != expected)
        {
            throw new ArgumentException(
                $"Expected {expected} bytes of data for dimensions {IdxLayout.FormatDimensions(array.Dimensions)}, found {array.Data.Length}.",
                nameof(array));
        }

        Write(path, array.Dimensions, stream =>
        {
            stream.Write(array.Data);
            return array.Data.LongLength;
        });
    }

    /// <summary>
    /// Writes an unsigned-byte IDX file whose elements <paramref name="writeElements"/> streams after the header, so a
    /// file of any size is written with flat memory. The header comes first (the dimensions are known in advance) and
    /// the file is written through <see cref="AtomicFile"/>: a crash or a throwing writer leaves no partial file under
    /// <paramref name="path"/>. Gzip-compressed when <paramref name="path"/> ends in <c>.gz</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="dimensions">1 to 4 positive dimensions.</param>
    /// <param name="writeElements">Writes the elements in row-major order and returns how many bytes it wrote.</param>
    /// <exception cref="ArgumentException">The dimensions are invalid.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="writeElements"/> wrote another number of bytes than the dimensions hold.</exception>
    public static void Write(string path, int[] dimensions, Func<Stream, long> writeElements)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writeElements);
        long expected = ElementCount(CheckDimensions(dimensions));
        byte[] header = IdxLayout.Header(UnsignedByteType, dimensions);
        IdxLayout.Write(path, stream =>
        {
            stream.Write(header);
            long written = writeElements(stream);
            if (written != expected)
            {
                throw new InvalidOperationException(
                    $"{path}: dimensions {IdxLayout.FormatDimensions(dimensions)} hold {expected} bytes, the writer gave {written}; the file was not written.");
            }
        });
    }

    private static int[] CheckDimensions(int[] dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Length is < 1 or > MaxDimensions)
        {
            throw new ArgumentException(
                $"Expected 1 to {MaxDimensions} dimensions, found {dimensions.Length}.", nameof(dimensions));
        }

        if (dimensions.Any(d => d <= 0))
        {
            throw new ArgumentException(
                $"Expected positive dimensions, found {IdxLayout.FormatDimensions(dimensions)}.", nameof(dimensions));
        }

        return dimensions;
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        int read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && IdxLayout.IsGzip(magic);
    }

    private static IdxArray ReadContent(Stream stream, string path)
    {
        Span<byte> magic = stackalloc byte[4];
        int read = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        if (read < magic.Length)
        {
            throw new InvalidDataException($"{path}: expected a 4-byte IDX magic number, found {read} bytes.");
        }

        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new InvalidDataException(
                $"{path}: expected an IDX magic number starting with two zero bytes, found 0x{magic[0]:X2} 0x{magic[1]:X2}.");
        }

        if (magic[2] != UnsignedByteType)
        {
            throw new InvalidDataException(
                $"{path}: expected IDX type code 0x{UnsignedByteType:X2} (unsigned byte), found 0x{magic[2]:X2} ({TypeName(magic[2])}).");
        }

        int rank = magic[3];
        if (rank is < 1 or > MaxDimensions)
        {
            throw new InvalidDataException($"{path}: expected 1 to {MaxDimensions} dimensions, found {rank}.");
        }

        Span<byte> sizes = stackalloc byte[4 * rank];
        read = stream.ReadAtLeast(sizes, sizes.Length, throwOnEndOfStream: false);
        if (read < sizes.Length)
        {
            throw new InvalidDataException(
                $"{path}: expected {sizes.Length} bytes of dimension sizes after the magic number, found {read}.");
        }

        int[] dimensions = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(sizes[(4 * i)..]);
            if (dimensions[i] <= 0)
            {
                throw new InvalidDataException($"{path}: expected positive dimension sizes, found {IdxLayout.FormatDimensions(dimensions[..(i + 1)])}.");
            }
        }

        long expected = ElementCount(dimensions);
        if (expected > Array.MaxLength)
        {
            throw new InvalidDataException(
                $"{path}: dimensions {IdxLayout.FormatDimensions(dimensions)} need {expected} bytes, more than one array can hold.");
        }

        byte[] data = new byte[expected];
        read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        long found = read == data.Length ? read + CountRemaining(stream) : read;
        if (found != expected)
        {
            throw new InvalidDataException(
                $"{path}: expected {expected} bytes of data after the header ({IdxLayout.FormatDimensions(dimensions)}), found {found}.");
        }

        return new IdxArray(dimensions, data);
    }

    private static long CountRemaining(Stream stream)
    {
        Span<byte> buffer = stackalloc byte[4096];
        long count = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            count += read;
        }

        return count;
    }

    private static long ElementCount(int[] dimensions)
    {
        long count = 1;
        foreach (int dimension in dimensions)
        {
            // Four dimensions of at most int.MaxValue can overflow a long; anything that large is invalid anyway.
            count = count > Array.MaxLength ? count : count * dimension;
        }

        return count;
    }

    private static string TypeName(byte code) => code switch
    {
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => "unknown type",
    };
}
