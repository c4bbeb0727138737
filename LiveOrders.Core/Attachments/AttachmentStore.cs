using System.Security.Cryptography;

namespace LiveOrders.Core.Attachments;

/// <summary>
/// The files themselves, named by the SHA-256 of their content (<c>ab/abcdef…</c>): the same content is kept once
/// however often it is attached, and a name can never reach outside the folder. An upload streams into a temporary file
/// of its own, counted and checked as it comes; only a complete, accepted file is moved into place, so an upload
/// refused or interrupted halfway leaves nothing behind.
/// </summary>
public sealed class AttachmentStore(string root)
{
    private const int ChunkSize = 81_920;

    public string Root { get; } = Path.GetFullPath(root);
    private string TempFolder => Path.Combine(Root, "tmp");

    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("Not a SHA-256 in lower-case hex.", nameof(sha256));
        return Path.Combine(Root, sha256[..2], sha256);
    }

    public bool Contains(string sha256) => File.Exists(PathOf(sha256));

    public Stream Open(string sha256) =>
        new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, ChunkSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>
    /// Reads <paramref name="content"/> into a temporary file, stopping as soon as it passes <paramref name="maxBytes"/>
    /// and checking it with <paramref name="check"/>. A refused or failed read deletes the temporary file before returning
    /// or throwing; an accepted one is the caller's to <see cref="StagedFile.Commit"/> or dispose.
    /// </summary>
    public async Task<(StagedFile? File, string? Refusal)> StageAsync(Stream content, long maxBytes, AttachmentContent check, CancellationToken ct)
    {
        Directory.CreateDirectory(TempFolder);
        var temp = Path.Combine(TempFolder, $"{Guid.NewGuid():N}.part");
        var committed = false;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, ChunkSize, FileOptions.Asynchronous))
            {
                var buffer = new byte[ChunkSize];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes) return (null, TooLarge(maxBytes));
                    var chunk = buffer.AsMemory(0, read);
                    hash.AppendData(chunk.Span);
                    check.Feed(chunk.Span);
                    await file.WriteAsync(chunk, ct);
                }
                await file.FlushAsync(ct);
            }
            if (check.Complete() is { } refusal) return (null, refusal);
            if (size == 0) return (null, "Файл пуст.");
            committed = true;
            return (new StagedFile(this, temp, size, Convert.ToHexStringLower(hash.GetHashAndReset())), null);
        }
        finally
        {
            if (!committed) TryDelete(temp);
        }
    }

    public static string TooLarge(long maxBytes) =>
        $"Файл больше допустимого размера: можно прикладывать файлы до {Megabytes(maxBytes)}.";

    public static string Megabytes(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024.0):0.#} МБ"
        : $"{Math.Max(1, bytes / 1024)} КБ";

    /// <summary>
    /// Deletes the <c>tmp/*.part</c> files last written before <paramref name="olderThanUtc"/>: uploads of a process killed
    /// halfway. Younger ones stay, since another node sharing the storage may be writing them now. Returns how many went.
    /// </summary>
    public int DeleteAbandonedUploads(DateTime olderThanUtc)
    {
        if (!Directory.Exists(TempFolder)) return 0;
        var deleted = 0;
        foreach (var part in new DirectoryInfo(TempFolder).EnumerateFiles("*.part"))
        {
            if (part.LastWriteTimeUtc >= olderThanUtc) continue;
            TryDelete(part.FullName);
            if (!File.Exists(part.FullName)) deleted++;
        }
        return deleted;
    }

    /// <summary>Deletes a stored file that no row names any more (the save that was to name it failed).</summary>
    internal void Forget(string sha256) => TryDelete(PathOf(sha256));

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>A complete, accepted upload in its temporary file.</summary>
    public sealed class StagedFile(AttachmentStore store, string tempPath, long size, string sha256) : IDisposable
    {
        public long Size { get; } = size;
        public string Sha256 { get; } = sha256;

        /// <summary>Moves the file into place under its hash. False when the same content was there already (this copy is dropped).</summary>
        public bool Commit()
        {
            var target = store.PathOf(Sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target)) { TryDelete(tempPath); return false; }
            try
            {
                File.Move(tempPath, target, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another upload of the same content won the race: same hash, same bytes.
                TryDelete(tempPath);
                return false;
            }
        }

        public void Dispose() => TryDelete(tempPath);
    }
}
