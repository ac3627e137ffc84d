using System.Data.Common;
using System.Text;
using System.Text.Json;
using HotlineDispatch.Knowledge;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Knowledge;

/// <summary>A search hit: the entry and the share of the query's terms it contains.</summary>
public sealed record KnowledgeHit(KnowledgeEntry Entry, double Score);

/// <summary>
/// The knowledge base in the deployment's database: each entry with the n-grams of its text, so a
/// search is an indexed lookup of the query's terms, ranked by how many of them an entry holds.
/// </summary>
public sealed class SqlKnowledgeBase(ReadModelDatabase database)
{
    private const int MaxQueryTerms = 200;
    private const int InsertChunk = 200;
    private const string Columns = "id, question, answer, department, tags, updated_at, updated_by";

    /// <summary>Adds or replaces the entry and its search terms in one transaction; durable when this returns.</summary>
    public async Task SaveAsync(KnowledgeEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.Command($"""
            INSERT INTO hotline_knowledge ({Columns}) VALUES (@id, @question, @answer, @department, @tags, @at, @by)
            ON CONFLICT (id) DO UPDATE SET question = excluded.question, answer = excluded.answer, department = excluded.department,
                tags = excluded.tags, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, transaction)
            .With("id", entry.Id).With("question", entry.Question).With("answer", entry.Answer).With("department", entry.Department)
            .With("tags", JsonSerializer.Serialize(entry.Tags)).With("at", entry.UpdatedAt.ToUnixTimeMilliseconds()).With("by", entry.UpdatedBy)
            .RunAsync(cancellationToken);
        await connection.Command("DELETE FROM hotline_knowledge_gram WHERE entry_id = @id", transaction).With("id", entry.Id).RunAsync(cancellationToken);
        foreach (var chunk in entry.Grams().Chunk(InsertChunk))
        {
            var command = connection.Command("", transaction).With("id", entry.Id);
            var values = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                values.Append(i == 0 ? "" : ", ").Append($"(@g{i}, @id)");
                command.With($"g{i}", chunk[i]);
            }

            command.CommandText = $"INSERT INTO hotline_knowledge_gram (gram, entry_id) VALUES {values}";
            await command.RunAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.Command("DELETE FROM hotline_knowledge_gram WHERE entry_id = @id", transaction).With("id", id).RunAsync(cancellationToken);
        await using var delete = connection.Command("DELETE FROM hotline_knowledge WHERE id = @id", transaction).With("id", id);
        var removed = await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    public async Task<KnowledgeEntry?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var entries = await Read(connection.Command($"SELECT {Columns}, 0 FROM hotline_knowledge WHERE id = @id").With("id", id), cancellationToken);
        return entries.SingleOrDefault()?.Entry;
    }

    /// <summary>
    /// Entries holding any of the query's terms, the most first (a query of Chinese is matched by its
    /// character pairs, which are specific enough alone). Without a query, the most recently changed entries.
    /// </summary>
    public async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(string? query, string? department, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var terms = TextGrams.OfQuery(query).Take(MaxQueryTerms).ToList();
        var departmentFilter = department is null ? "" : " AND k.department = @department";
        if (terms.Count == 0)
        {
            var all = connection.Command($"SELECT {Columns}, 0 FROM hotline_knowledge k WHERE 1 = 1{departmentFilter} ORDER BY updated_at DESC, id LIMIT @limit")
                .With("limit", limit);
            if (department is not null) all.With("department", department);
            return await Read(all, cancellationToken);
        }

        var command = connection.Command("").With("limit", limit);
        if (department is not null) command.With("department", department);
        for (var i = 0; i < terms.Count; i++)
        {
            command.With($"t{i}", terms[i]);
        }

        var prefixed = string.Join(", ", Columns.Split(", ").Select(c => "k." + c));
        command.CommandText = $"""
            SELECT {prefixed}, m.hits FROM (
                SELECT entry_id, COUNT(*) AS hits FROM hotline_knowledge_gram
                WHERE gram IN ({string.Join(", ", terms.Select((_, i) => $"@t{i}"))}) GROUP BY entry_id
            ) m JOIN hotline_knowledge k ON k.id = m.entry_id
            WHERE 1 = 1{departmentFilter}
            ORDER BY m.hits DESC, k.updated_at DESC, k.id LIMIT @limit
            """;
        var hits = await Read(command, cancellationToken);
        return hits.Select(h => h with { Score = Math.Round(h.Score / terms.Count, 3) }).ToList();
    }

    private static async Task<IReadOnlyList<KnowledgeHit>> Read(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var hits = new List<KnowledgeHit>();
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add(new KnowledgeHit(
                    new KnowledgeEntry(
                        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                        JsonSerializer.Deserialize<List<string>>(reader.GetString(4)) ?? [],
                        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(5))), reader.GetString(6)),
                    Convert.ToDouble(reader.GetValue(7))));
            }

            return hits;
        }
    }
}
