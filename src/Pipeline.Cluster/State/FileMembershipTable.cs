using System.Text.Json;
using Orleans.Runtime;
using Orleans.Serialization;
using Pipeline.Data;

namespace Pipeline.Cluster.State;

/// <summary>
/// Orleans' membership table as one file in the machine's state folder, guarded by a lock file: unlike the development
/// table (a system target on the primary silo), it belongs to no silo, so any silo may die and the others, or a
/// restarted one, still read and vote in it. Rows are Orleans-serialized <see cref="MembershipEntry"/> values with a
/// row ETag; the table carries its version and version ETag, checked on every insert and update as the contract asks.
/// </summary>
internal sealed class FileMembershipTable : IMembershipTable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly string _file;
    private readonly string _lock;
    private readonly Serializer _serializer;

    public FileMembershipTable(string folder, Serializer serializer)
    {
        var full = Directory.CreateDirectory(folder).FullName;
        _file = Path.Combine(full, Hosting.ClusterConnectionOptions.FileMembershipTableName);
        _lock = Path.Combine(full, "membership.lock");
        _serializer = serializer;
    }

    /// <summary>
    /// Creates the table if missing, and marks dead the rows of silos whose process is gone. Every silo of a
    /// development cluster runs on this machine, so a row whose process has exited (a killed silo) is known to be
    /// dead at once: a silo restarted after all the others were killed joins in seconds instead of probing the dead
    /// until Orleans votes them out.
    /// </summary>
    public Task InitializeMembershipTable(bool tryInitTableVersion) => ChangeAsync(table =>
    {
        var changed = false;
        foreach (var row in table.Rows.Where(r => r.Process is { } process && !process.IsRunning()))
        {
            var entry = Entry(row);
            if (entry.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.Created or SiloStatus.ShuttingDown or SiloStatus.Stopping)
            {
                entry.Status = SiloStatus.Dead;
                row.Entry = _serializer.SerializeToArray(entry);
                row.ETag = NewETag();
                table.Advance(table.Current().Next());
                changed = true;
            }
        }

        return changed;
    });

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        using (await FileLock.TakeAsync(_lock))
        {
            File.Delete(_file);
        }
    }

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => ChangeAsync(table =>
        table.Rows.RemoveAll(r =>
        {
            var entry = Entry(r);
            return entry.Status == SiloStatus.Dead && Latest(entry) < beforeDate.UtcDateTime;
        }) > 0);

    public async Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        var table = await ReadLockedAsync();
        var row = table.Rows.FirstOrDefault(r => r.Silo == key.ToParsableString());
        return row is null ? new MembershipTableData(table.Current()) : new MembershipTableData(Tuple.Create(Entry(row), row.ETag), table.Current());
    }

    public async Task<MembershipTableData> ReadAll()
    {
        var table = await ReadLockedAsync();
        return new MembershipTableData(table.Rows.Select(r => Tuple.Create(Entry(r), r.ETag)).ToList(), table.Current());
    }

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => ChangeAsync(table =>
    {
        var silo = entry.SiloAddress.ToParsableString();
        if (table.VersionETag != tableVersion.VersionEtag || table.Rows.Any(r => r.Silo == silo))
        {
            return false;
        }

        // A silo inserts its own row, so the process inserting it is the silo's.
        table.Rows.Add(new Row { Silo = silo, ETag = NewETag(), Entry = _serializer.SerializeToArray(entry), Process = SiloProcess.Current() });
        table.Advance(tableVersion);
        return true;
    });

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => ChangeAsync(table =>
    {
        var row = table.Rows.FirstOrDefault(r => r.Silo == entry.SiloAddress.ToParsableString());
        if (row is null || row.ETag != etag || table.VersionETag != tableVersion.VersionEtag)
        {
            return false;
        }

        row.Entry = _serializer.SerializeToArray(entry);
        row.ETag = NewETag();
        table.Advance(tableVersion);
        return true;
    });

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        // A heartbeat changes neither the row's ETag nor the table's: the contract keeps earlier reads valid across it.
        var found = await ChangeAsync(table =>
        {
            var row = table.Rows.FirstOrDefault(r => r.Silo == entry.SiloAddress.ToParsableString());
            if (row is null)
            {
                return false;
            }

            var stored = Entry(row);
            stored.IAmAliveTime = entry.IAmAliveTime;
            row.Entry = _serializer.SerializeToArray(stored);
            return true;
        });
        if (!found)
        {
            throw new InvalidOperationException($"{_file}: no row for silo {entry.SiloAddress}; its heartbeat has nowhere to go.");
        }
    }

    private static DateTime Latest(MembershipEntry entry) =>
        new[] { entry.IAmAliveTime, entry.StartTime }.Concat(entry.SuspectTimes?.Select(s => s.Item2) ?? []).Max();

    private MembershipEntry Entry(Row row) => _serializer.Deserialize<MembershipEntry>(row.Entry) ?? throw new InvalidDataException($"{_file}: empty row for {row.Silo}.");

    private async Task<Table> ReadLockedAsync()
    {
        using (await FileLock.TakeAsync(_lock))
        {
            return Read();
        }
    }

    /// <summary>Reads the table (empty if missing), lets <paramref name="change"/> edit it, and writes it back if it changed or was missing.</summary>
    private async Task<bool> ChangeAsync(Func<Table, bool> change)
    {
        using (await FileLock.TakeAsync(_lock))
        {
            var exists = File.Exists(_file);
            var table = Read();
            var changed = change(table);
            if (changed || !exists)
            {
                AtomicFile.Write(_file, stream => JsonSerializer.Serialize(stream, table, Json));
            }

            return changed;
        }
    }

    private Table Read() => File.Exists(_file)
        ? JsonSerializer.Deserialize<Table>(File.ReadAllBytes(_file), Json) ?? throw new InvalidDataException($"{_file}: empty membership table.")
        : new Table();

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private sealed class Table
    {
        public int Version { get; set; }

        public string VersionETag { get; set; } = "0";

        public List<Row> Rows { get; set; } = [];

        public TableVersion Current() => new(Version, VersionETag);

        public void Advance(TableVersion next)
        {
            Version = next.Version;
            VersionETag = NewETag();
        }
    }

    private sealed class Row
    {
        public string Silo { get; set; } = string.Empty;

        public string ETag { get; set; } = string.Empty;

        public byte[] Entry { get; set; } = [];

        public SiloProcess? Process { get; set; }
    }

    /// <summary>A process id with its start time, so that a reused id is not taken for the silo.</summary>
    private sealed class SiloProcess
    {
        public int Id { get; set; }

        public DateTime Started { get; set; }

        public static SiloProcess Current()
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            return new SiloProcess { Id = self.Id, Started = self.StartTime.ToUniversalTime() };
        }

        public bool IsRunning()
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(Id);
                return !process.HasExited && Math.Abs((process.StartTime.ToUniversalTime() - Started).TotalSeconds) < 1;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }
    }
}
