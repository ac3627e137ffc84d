using System.Data.Common;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// One part's write inside the projection's transaction. <paramref name="storedSeq"/> is the history
/// position the read model already reflected for the ticket, so a repeated projection skips what it wrote.
/// </summary>
public delegate Task ProjectionWrite(DbConnection connection, DbTransaction transaction, int storedSeq);
