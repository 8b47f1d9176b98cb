namespace Pipeline.MLNet;

/// <summary>
/// Pixels ↔ the model's floats. Reading follows ML.NET's <c>ExtractPixels</c> to the bit — planar C, H, W, red (or
/// red, green, blue; blue, green, red for a model trained on BGR images), <c>(byte − offset) · scale</c> — and writing
/// follows <c>ConvertToImage</c> fed with
/// <c>clip(round((x − min) · 255 / (max − min)), 0, 255)</c>, so the built-in chain a transformer saves as gives the
/// same numbers and the same pictures. Public so that apps which prepare images themselves (decoding, fitting to the
/// model's size) feed a generative transform float vectors with the same numbers <c>LoadImages</c> rows would give.
/// </summary>
/// <param name="Channels">1 (grey, read from the red channel) or 3 (red, green, blue planes).</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Min">The model value of grey level 0 (its <c>pipeline.value_range</c> minimum).</param>
/// <param name="Max">The model value of grey level 255.</param>
/// <param name="Bgr">Colour planes in blue, green, red order (<c>pipeline.image.channel_order</c> "bgr").</param>
public sealed record PixelCodec(int Channels, int Height, int Width, float Min, float Max, bool Bgr = false)
{
    /// <summary>Floats per image: channels x height x width.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>ExtractPixels' scale: one grey level in model units.</summary>
    public float Scale => (Max - Min) / 255f;

    /// <summary>ExtractPixels' offset: the grey level that maps to 0.</summary>
    public float Offset => -Min / Scale;

    /// <summary>Model units → grey levels.</summary>
    public float OutScale => 255f / (Max - Min);

    /// <summary>Writes <paramref name="image"/>'s pixels as model floats into <paramref name="destination"/> (<see cref="Size"/> long); <paramref name="column"/> and <paramref name="row"/> name it in errors.</summary>
    public void Read(MLImage image, Span<float> destination, string column, long row)
    {
        if (image.Width != Width || image.Height != Height)
        {
            throw new InvalidOperationException(
                $"Column '{column}', row {row}: the image is {image.Width}x{image.Height}, the model expects {Width}x{Height} (add ResizeImages before this transform).");
        }

        var (red, green, blue) = image.PixelFormat switch
        {
            MLPixelFormat.Bgra32 => (2, 1, 0),
            MLPixelFormat.Rgba32 => (0, 1, 2),
            _ => throw new InvalidOperationException($"Column '{column}', row {row}: pixel format {image.PixelFormat} is not supported (Bgra32 or Rgba32)."),
        };
        if (Bgr && Channels == 3)
        {
            (red, blue) = (blue, red);
        }

        var pixels = image.Pixels;
        var plane = Width * Height;
        var offset = Offset;
        var scale = Scale;
        for (int i = 0, ix = 0; i < plane; i++, ix += 4)
        {
            destination[i] = (pixels[ix + red] - offset) * scale;
            if (Channels == 3)
            {
                destination[plane + i] = (pixels[ix + green] - offset) * scale;
                destination[(2 * plane) + i] = (pixels[ix + blue] - offset) * scale;
            }
        }
    }

    /// <summary>Model floats (planar C, H, W) as an opaque BGRA image.</summary>
    public MLImage Write(ReadOnlySpan<float> values)
    {
        var plane = Width * Height;
        var bgra = new byte[plane * 4];
        for (int i = 0, ix = 0; i < plane; i++, ix += 4)
        {
            var r = Level(values[i]);
            var g = Channels == 3 ? Level(values[plane + i]) : r;
            var b = Channels == 3 ? Level(values[(2 * plane) + i]) : r;
            if (Bgr)
            {
                (r, b) = (b, r);
            }

            bgra[ix] = b;
            bgra[ix + 1] = g;
            bgra[ix + 2] = r;
            bgra[ix + 3] = 255;
        }

        return MLImage.CreateFromPixels(Width, Height, MLPixelFormat.Bgra32, bgra);
    }

    /// <summary>Same float operations as the saved graph's Sub, Mul, Round (half to even) and Clip.</summary>
    private byte Level(float x)
    {
        var v = MathF.Round((Min == 0 ? x : x - Min) * OutScale);
        return (byte)Math.Clamp(v, 0f, 255f);
    }
}
