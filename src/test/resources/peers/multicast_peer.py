"""A CPython peer of a multicast group on loopback, as a classroom program would be.

  multicast_peer.py listen GROUP PORT    join GROUP on 127.0.0.1, print 'joined', then 'got DATA' for one datagram
  multicast_peer.py send GROUP PORT DATA send DATA to the group out of 127.0.0.1, print 'sent'
"""
import socket
import struct
import sys

mode, group, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(15)
if mode == 'listen':
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('', port))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                 struct.pack('4s4s', socket.inet_aton(group), socket.inet_aton('127.0.0.1')))
    print('joined', flush=True)
    data, addr = s.recvfrom(1024)
    print('got', data.decode(), flush=True)
else:
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton('127.0.0.1'))
    s.sendto(sys.argv[4].encode(), (group, port))
    print('sent', flush=True)
