# %pre of the cibatch .rpm: the system user cibatch-gateway.service runs as, with a group of its
# own. Kept on removal, like the users of other packages.
getent group cibatch-gateway >/dev/null || groupadd -r cibatch-gateway
getent passwd cibatch-gateway >/dev/null \
  || useradd -r -g cibatch-gateway -d /var/lib/cibatch/gateway -M -s /sbin/nologin \
       -c "cibatch gateway" cibatch-gateway
exit 0
