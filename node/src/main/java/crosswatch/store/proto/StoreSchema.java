package crosswatch.store.proto;

import crosswatch.store.MergeIntoEntry;
import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.annotations.ProtoSyntax;

/**
 * The schema of every value the store replicates; the annotation processor generates {@code StoreSchemaImpl},
 * which the cache manager is given explicitly. Proto2: optional fields have explicit presence, so a Java null
 * (no message hash, no identifier, no reason) survives a round trip as null rather than as a default value.
 */
@ProtoSchema(
    schemaPackageName = "crosswatch.store",
    schemaFileName = "crosswatch-store.proto",
    schemaFilePath = "proto/",
    syntax = ProtoSyntax.PROTO2,
    includeClasses = {
        Timestamp.class,
        StatusAdapter.class,
        SafetyAdapter.class,
        AccessListCheckAdapter.class,
        ReasonAdapter.class,
        MessageKeyAdapter.class,
        IdentifierAdapter.class,
        HistoryEntryAdapter.class,
        StampAdapter.class,
        SiteVerdictAdapter.class,
        MessageRecordAdapter.class,
        CheckpointAdapter.class,
        HeadBlockAdapter.class,
        ChainHeadAdapter.class,
        SafePointAdapter.class,
        SafePointsAdapter.class,
        SiteReportAdapter.class,
        MergeIntoEntry.class,
    })
public interface StoreSchema extends GeneratedSchema {}
