package crosswatch.store.proto;

import crosswatch.store.SafePoint;
import crosswatch.store.SafePoints;
import java.util.ArrayList;
import java.util.List;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

/** Lives only in memory (the cache is not persisted) but crosses replicas, which may run different versions. */
@ProtoAdapter(SafePoints.class)
@ProtoName("SafePoints")
public final class SafePointsAdapter {

  @ProtoFactory
  SafePoints create(String node, String incarnation, List<SafePoint> points) {
    return new SafePoints(node, incarnation, points);
  }

  @ProtoField(number = 1)
  String getNode(SafePoints points) {
    return points.node();
  }

  @ProtoField(number = 2)
  String getIncarnation(SafePoints points) {
    return points.incarnation();
  }

  @ProtoField(number = 3, collectionImplementation = ArrayList.class)
  List<SafePoint> getPoints(SafePoints points) {
    return points.points();
  }
}
