"""A UDP peer no one in the engine wrote: prints its own address, sends one datagram, prints the reply."""
import socket
import sys

host, port, message = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', 0))
print('port', s.getsockname()[1], flush=True)
s.sendto(message.encode(), (host, port))
s.settimeout(10)
data, addr = s.recvfrom(1024)
print('reply', data.decode(), addr[1], flush=True)
s.close()
