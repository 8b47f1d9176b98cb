namespace Pipeline.TestSupport;

/// <summary>The repository's <c>onnx/</c> folder of committed exports, found upwards from the test binaries.</summary>
public static class CommittedExports
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The path of a file inside <c>onnx/</c>, e.g. <c>File("pixelcnn-fashion28", "pixelcnn.onnx")</c>.</summary>
    public static string File(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var onnx = Path.Combine(directory.FullName, "onnx");
            if (Directory.Exists(Path.Combine(onnx, "pixelcnn-fashion28")))
            {
                return onnx;
            }
        }

        throw new DirectoryNotFoundException($"No onnx/pixelcnn-fashion28 above {AppContext.BaseDirectory}.");
    }
}
