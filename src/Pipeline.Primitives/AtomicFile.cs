namespace Pipeline.Data;

/// <summary>
/// Writes files so that readers see either the old content or the complete new content, never a partial file.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="path"/> through a temporary file in the same directory
    /// (<c>name.tmp-&lt;guid&gt;</c>) that replaces the target only once <paramref name="write"/> has finished.
    /// </summary>
    /// <param name="path">The file to create or replace. Its parent directory is created if missing.</param>
    /// <param name="write">Writes the whole content to the given stream. If it throws, the target is left untouched.</param>
    /// <example>
    /// <code>AtomicFile.Write("runs/vae/options.json", stream => JsonSerializer.Serialize(stream, options));</code>
    /// </example>
    public static void Write(string path, Action<Stream> write) => Write(path, write, flushToDisk: true);

    /// <summary>
    /// <see cref="Write(string, Action{Stream})"/>, optionally without flushing the file to disk before the rename: for
    /// writers of many small files that make a whole batch durable at once afterwards (one file-system sync instead of
    /// one per file). Until then a crash may leave the new name empty, so such a writer must not report the batch as
    /// written before that sync.
    /// </summary>
    /// <param name="path">The file to create or replace. Its parent directory is created if missing.</param>
    /// <param name="write">Writes the whole content to the given stream. If it throws, the target is left untouched.</param>
    /// <param name="flushToDisk">Flush the content to disk before the rename.</param>
    public static void Write(string path, Action<Stream> write, bool flushToDisk) => Write(path, write, verify: null, flushToDisk);

    /// <summary>
    /// <see cref="Write(string, Action{Stream})"/> with a check of the written file before it replaces the target: for
    /// files that must prove themselves first (an ONNX export that ONNX Runtime must agree with).
    /// </summary>
    /// <param name="path">The file to create or replace. Its parent directory is created if missing.</param>
    /// <param name="write">Writes the whole content to the given stream.</param>
    /// <param name="verify">Reads the complete temporary file at the path it is given; throwing leaves the target untouched and no temporary file behind.</param>
    public static void WriteVerified(string path, Action<Stream> write, Action<string> verify)
    {
        ArgumentNullException.ThrowIfNull(verify);
        Write(path, write, verify, flushToDisk: true);
    }

    private static void Write(string path, Action<Stream> write, Action<string>? verify, bool flushToDisk)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);

        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);

        // Same directory as the target so that the final move is a rename within one file system.
        string tempPath = Path.Combine(directory, $"{Path.GetFileName(fullPath)}.tmp-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }

            // Without this a crash after the rename could leave an empty file under the real name.
            // Reopening rather than flushing the writer's stream tolerates writers that close it,
            // as a StreamWriter without leaveOpen does.
            if (flushToDisk)
            {
                using var written = new FileStream(tempPath, FileMode.Open, FileAccess.Write, FileShare.None);
                written.Flush(flushToDisk: true);
            }

            verify?.Invoke(tempPath);
            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original exception matters more than a leftover temp file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
