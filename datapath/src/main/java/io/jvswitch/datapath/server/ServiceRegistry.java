package io.jvswitch.datapath.server;

import io.grpc.BindableService;
import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gRPC services the control server dispatches to, addable while the server runs (the parts
 * of the daemon start after the socket exists in some orders, and tests add services late).
 */
final class ServiceRegistry extends HandlerRegistry {

    private final Map<String, ServerServiceDefinition> services = new ConcurrentHashMap<>();

    /**
     * Adds a service.
     *
     * @throws IllegalStateException if a service of that name is already served
     */
    void add(BindableService service) {
        ServerServiceDefinition definition = service.bindService();
        String name = definition.getServiceDescriptor().getName();
        if (services.putIfAbsent(name, definition) != null) {
            throw new IllegalStateException("service " + name + " is already served");
        }
    }

    @Override
    public List<ServerServiceDefinition> getServices() {
        return List.copyOf(services.values());
    }

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
        String serviceName = MethodDescriptor.extractFullServiceName(methodName);
        if (serviceName == null) {
            return null;
        }
        ServerServiceDefinition service = services.get(serviceName);
        return service == null ? null : service.getMethod(methodName);
    }
}
