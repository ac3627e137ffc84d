using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Routing;

/// <summary>The program with the router dispatching by itself from a confidence of 0.5.</summary>
public sealed class SqliteAutoDispatchFactory() : HotlineApiFactory(TestStorage.Sqlite, ("Hotline:Routing:AutoDispatchAbove", "0.5"));

public sealed class PostgresAutoDispatchFactory() : HotlineApiFactory(TestStorage.Postgres, ("Hotline:Routing:AutoDispatchAbove", "0.5"));

/// <summary>A program of its own for the correction loop, whose retraining must not change the model other tests see.</summary>
public sealed class SqliteCorrectionFactory() : HotlineApiFactory(TestStorage.Sqlite);

public sealed class PostgresCorrectionFactory() : HotlineApiFactory(TestStorage.Postgres);
